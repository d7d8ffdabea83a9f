namespace Leads.Application.Security;

/// <summary>The authenticated caller of the current request, with authorization data already loaded.</summary>
public interface ICurrentUser
{
    /// <summary>Null for anonymous requests.</summary>
    UserAccess? Access { get; }

    /// <summary>The caller's access; throws <see cref="Common.Exceptions.UnauthorizedException"/> when anonymous.</summary>
    UserAccess RequireAccess();
}
