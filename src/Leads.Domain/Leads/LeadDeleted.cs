using Leads.Domain.Common;

namespace Leads.Domain.Leads;

public sealed record LeadDeleted(Guid LeadId, Guid TeamId, Guid CategoryId, LeadStatus Status) : IDomainEvent;
