using System.Text.Json.Serialization;
using Leads.Domain.Users;

namespace Leads.Application.Security;

/// <summary>Authorization data of a user, read on every authenticated request through the query cache.</summary>
public sealed record UserAccess(Guid UserId, string UserName, UserRole Role, bool IsActive, IReadOnlyList<Guid> TeamIds)
{
    private ScopeMemo? _scope;

    // Derived, and its partition key is an internal cache detail: never serialized (API answers or cache entries).
    // Computed once per instance rather than per read (every cached request asks for it, and the key is a
    // SHA-256); the memo remembers what it was computed from, so a copy made with `with` never reuses a scope
    // of other teams or another role.
    [JsonIgnore]
    public VisibilityScope Scope
    {
        get
        {
            var memo = _scope;
            if (memo is null || memo.Role != Role || !ReferenceEquals(memo.TeamIds, TeamIds))
            {
                memo = new ScopeMemo(Role, TeamIds, Role == UserRole.Admin ? VisibilityScope.Admin : VisibilityScope.ForTeams(TeamIds));
                _scope = memo;
            }

            return memo.Scope;
        }
    }

    // The memo is not part of the value: equality is that of the five fields, as before.
    public bool Equals(UserAccess? other) =>
        other is not null && UserId == other.UserId && UserName == other.UserName && Role == other.Role
        && IsActive == other.IsActive && Equals(TeamIds, other.TeamIds);

    public override int GetHashCode() => HashCode.Combine(UserId, UserName, Role, IsActive, TeamIds);

    private sealed record ScopeMemo(UserRole Role, IReadOnlyList<Guid> TeamIds, VisibilityScope Scope);
}
