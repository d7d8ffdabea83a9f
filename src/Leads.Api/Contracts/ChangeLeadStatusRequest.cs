using System.ComponentModel.DataAnnotations;
using Leads.Domain.Leads;

namespace Leads.Api.Contracts;

/// <summary>
/// Body of PATCH /api/leads/{id}/status. <see cref="Status"/> is nullable only so that a missing status is
/// refused (400) instead of being read as <see cref="LeadStatus.New"/>, which would revive a lost lead.
/// </summary>
public sealed record ChangeLeadStatusRequest([Required] LeadStatus? Status, long? Version);
