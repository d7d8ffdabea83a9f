using System.Collections.Concurrent;
using System.Security.Claims;

namespace Leads.Api.Security;

/// <summary>
/// Bearer tokens this instance has validated (signature, issuer, audience, lifetime), kept by their exact text
/// until they expire, so a client's next request with the same token skips the base64 and JSON decoding, the
/// HMAC and the building of claims: on a cached read that was the largest cost of the request.
/// <para>
/// An entry holds only what the token itself says (who the caller is and until when); it is never the answer to
/// "may this caller do this". Role, teams and the active flag are read on every request through the user's
/// tag-stamped authorization data (<see cref="BearerTokenEvents"/>), so a deactivation or a role change applies
/// on the next request even while the token stays here. Bounded to <see cref="MaxTokens"/> entries; only tokens
/// that passed validation get in, so forged tokens cannot fill it.
/// </para>
/// </summary>
public sealed class ValidatedTokenCache
{
    public const int MaxTokens = 20_000;

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ValidatedToken> _tokens;
    private readonly ConcurrentDictionary<string, ValidatedToken>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public ValidatedTokenCache(TimeProvider time)
    {
        _time = time;
        _tokens = new ConcurrentDictionary<string, ValidatedToken>(StringComparer.Ordinal);

        // Looked up by the span of the Authorization header, so a hit allocates no token string.
        _bySpan = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _tokens.Count;

    /// <summary>The validated token <paramref name="token"/>, unless it was never seen, was dropped or has expired.</summary>
    public bool TryGet(ReadOnlySpan<char> token, out ValidatedToken validated)
    {
        if (_bySpan.TryGetValue(token, out var key, out var found))
        {
            if (_time.GetUtcNow() < found.ValidUntil)
            {
                validated = found;
                return true;
            }

            _tokens.TryRemove(new KeyValuePair<string, ValidatedToken>(key, found));
        }

        validated = null!;
        return false;
    }

    /// <summary>Keeps a token that has just passed validation until <paramref name="validUntil"/> (its expiry plus the allowed clock skew).</summary>
    public ValidatedToken Add(string token, Guid userId, ClaimsIdentity identity, DateTimeOffset validUntil)
    {
        var validated = new ValidatedToken(userId, Detach(identity), validUntil);
        if (validUntil <= _time.GetUtcNow())
        {
            return validated;
        }

        if (_tokens.Count >= MaxTokens)
        {
            Prune();
        }

        _tokens[token] = validated;
        return validated;
    }

    /// <summary>Drops expired tokens; when every token is still valid (more clients than the bound), drops them all.</summary>
    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (token, validated) in _tokens)
        {
            if (validated.ValidUntil <= now)
            {
                _tokens.TryRemove(new KeyValuePair<string, ValidatedToken>(token, validated));
            }
        }

        if (_tokens.Count >= MaxTokens)
        {
            _tokens.Clear();
        }
    }

    // The identity is shared by every later request with this token, so it must not depend on the token handler's
    // lazily built claims: it gets its own, fully built list, which nothing changes afterwards.
    private static ClaimsIdentity Detach(ClaimsIdentity identity) => new(
        identity.Claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer, c.OriginalIssuer)).ToArray(),
        identity.AuthenticationType,
        identity.NameClaimType,
        identity.RoleClaimType);
}
