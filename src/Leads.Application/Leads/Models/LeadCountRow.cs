using Leads.Domain.Leads;

namespace Leads.Application.Leads.Models;

public sealed record LeadCountRow(LeadStatus Status, Guid CategoryId, int Count, decimal Value);
