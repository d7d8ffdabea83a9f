using Leads.Domain.Leads;

namespace Leads.Application.Leads.Models;

/// <summary>Which leads a list or count covers (before paging). Search is a case-insensitive substring of name, company or email.</summary>
public sealed record LeadFilter(LeadStatus? Status, Guid? CategoryId, string? Search);
