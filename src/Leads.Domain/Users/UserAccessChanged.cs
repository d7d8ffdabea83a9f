using Leads.Domain.Common;

namespace Leads.Domain.Users;

/// <summary>A user's role, team memberships or active flag changed: cached authorization data must go.</summary>
public sealed record UserAccessChanged(Guid UserId) : IDomainEvent;
