using Leads.Domain.Common;

namespace Leads.Domain.Leads;

/// <summary>A lead's details, team or owner changed; <paramref name="Changed"/> names exactly the fields whose value differs.</summary>
public sealed record LeadUpdated(Guid LeadId, Guid TeamId, Guid PreviousTeamId, Guid CategoryId, Guid PreviousCategoryId, LeadStatus Status, LeadFields Changed) : IDomainEvent;
