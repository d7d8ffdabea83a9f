using Leads.Domain.Leads;

namespace Leads.Api.Contracts;

public sealed record ChangeLeadStatusRequest(LeadStatus Status, long? Version);
