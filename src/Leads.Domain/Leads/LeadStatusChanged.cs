using Leads.Domain.Common;

namespace Leads.Domain.Leads;

public sealed record LeadStatusChanged(Guid LeadId, Guid TeamId, LeadStatus From, LeadStatus To) : IDomainEvent;
