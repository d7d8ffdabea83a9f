using System.Security.Claims;

namespace Leads.Api.Security;

/// <summary>
/// What a validated bearer token says: its subject, its claims (an identity shared by every request with the
/// token, never changed) and until when it may be accepted.
/// </summary>
public sealed record ValidatedToken(Guid UserId, ClaimsIdentity Identity, DateTimeOffset ValidUntil);
