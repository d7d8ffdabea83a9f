using System.Text.Json.Serialization;
using Leads.Domain.Users;

namespace Leads.Application.Security;

/// <summary>Authorization data of a user, read on every authenticated request through the query cache.</summary>
public sealed record UserAccess(Guid UserId, string UserName, UserRole Role, bool IsActive, IReadOnlyList<Guid> TeamIds)
{
    // Derived, and its partition key is an internal cache detail: never serialized (API answers or cache entries).
    [JsonIgnore]
    public VisibilityScope Scope => Role == UserRole.Admin ? VisibilityScope.Admin : VisibilityScope.ForTeams(TeamIds);
}
