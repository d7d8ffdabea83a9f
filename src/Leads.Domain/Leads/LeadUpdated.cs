using Leads.Domain.Common;

namespace Leads.Domain.Leads;

public sealed record LeadUpdated(Guid LeadId, Guid TeamId, Guid PreviousTeamId, Guid CategoryId, Guid PreviousCategoryId) : IDomainEvent;
