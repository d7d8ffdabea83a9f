using Leads.Application.Common.Exceptions;
using Leads.Application.Security;

namespace Leads.Api.Security;

/// <summary>The caller of the current request; filled once the bearer token is validated.</summary>
public sealed class HttpCurrentUser : ICurrentUser
{
    public UserAccess? Access { get; set; }

    public UserAccess RequireAccess() => Access ?? throw new UnauthorizedException("Authentication is required.");
}
