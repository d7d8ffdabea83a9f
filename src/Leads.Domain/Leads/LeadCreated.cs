using Leads.Domain.Common;

namespace Leads.Domain.Leads;

public sealed record LeadCreated(Guid LeadId, Guid TeamId, Guid CategoryId, LeadStatus Status) : IDomainEvent;
