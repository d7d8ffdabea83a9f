using System.Security.Claims;
using Leads.Application.Security;
using Leads.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Leads.Api.Security;

/// <summary>
/// The bearer scheme's steps around JWT validation:
/// <list type="bullet">
/// <item>a token this instance has already validated (<see cref="ValidatedTokenCache"/>) is accepted without
/// validating it again;</item>
/// <item>either way, the caller's authorization data (role, teams, active flag) comes from the tag-stamped
/// UserAccess cache, not from the token, so deactivation or a role change takes effect on the next request.</item>
/// </list>
/// A client that disconnects while its authorization data loads is routine: the load's cancellation fails the
/// authentication quietly (debug log) instead of escaping into the handler, which logs any exception as an error.
/// </summary>
public sealed partial class BearerTokenEvents(ValidatedTokenCache tokens, ILogger<BearerTokenEvents> logger) : JwtBearerEvents
{
    private const string BearerPrefix = "Bearer ";

    // One role identity per role, shared by every request: it holds nothing but the role claim.
    private static readonly Dictionary<UserRole, ClaimsIdentity> RoleIdentities = Enum.GetValues<UserRole>()
        .ToDictionary(role => role, role => new ClaimsIdentity([new Claim(ClaimTypes.Role, role.ToString())]));

    public override async Task MessageReceived(MessageReceivedContext context)
    {
        if (!TryFindValidated(context, out var validated))
        {
            return;
        }

        if (await LoadAccessAsync(context, validated) is { } principal)
        {
            context.Principal = principal;
            context.Success();
        }
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirstValue(JwtRegisteredClaimNames.Sub);
        if (!Guid.TryParse(subject, out var userId) || context.SecurityToken is not JsonWebToken jwt || context.Principal?.Identity is not ClaimsIdentity identity)
        {
            context.Fail("The token has no valid subject.");
            return;
        }

        var validUntil = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + context.Options.TokenValidationParameters.ClockSkew;
        var validated = tokens.Add(jwt.EncodedToken, userId, identity, validUntil);
        if (await LoadAccessAsync(context, validated) is { } principal)
        {
            context.Principal = principal;
        }
    }

    /// <summary>
    /// Reads an <c>Authorization: Bearer …</c> header the way the JWT bearer handler reads it. A token validated
    /// before is found without allocating; any other token is handed to the handler, which validates it (and then
    /// it is kept, in <see cref="TokenValidated"/>) without parsing the header again.
    /// </summary>
    private bool TryFindValidated(MessageReceivedContext context, out ValidatedToken validated)
    {
        validated = null!;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = authorization.AsSpan(BearerPrefix.Length).Trim();
        if (token.IsEmpty)
        {
            return false;
        }

        if (tokens.TryGet(token, out validated))
        {
            return true;
        }

        context.Token = token.ToString();
        return false;
    }

    /// <summary>The caller's principal (token claims plus the current role), or null after failing the context.</summary>
    private async Task<ClaimsPrincipal?> LoadAccessAsync(ResultContext<JwtBearerOptions> context, ValidatedToken validated)
    {
        var services = context.HttpContext.RequestServices;
        var aborted = context.HttpContext.RequestAborted;
        UserAccess? access;
        try
        {
            access = await services.GetRequiredService<IUserAccessRepository>().GetAsync(validated.UserId, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            LogAborted(context.Request.Method, context.Request.Path);
            context.Fail("The request was aborted by the client.");
            return null;
        }

        if (access is null || !access.IsActive)
        {
            context.Fail("The account does not exist or is deactivated.");
            return null;
        }

        services.GetRequiredService<HttpCurrentUser>().Access = access;
        var principal = new ClaimsPrincipal(validated.Identity);
        principal.AddIdentity(RoleIdentities[access.Role]);
        return principal;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the client disconnected while its authorization data was read")]
    private partial void LogAborted(string method, string path);
}
