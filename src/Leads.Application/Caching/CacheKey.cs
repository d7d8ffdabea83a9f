using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Leads.Application.Caching;

/// <summary>
/// Identifies one cached answer: level (namespace), policy, the caller's partition and the query's own
/// parts. This is the only place where key text is put together; user-supplied strings are hashed,
/// so glob characters cannot widen a pattern invalidation and no personal data shows up in SCAN output. The hash
/// is keyed (HMAC-SHA256 with a per-deployment secret, <see cref="UseSecret"/>): with a plain hash a teammate could
/// compute search strings whose keys collide with another team's entries.
/// </summary>
public readonly record struct CacheKey(CacheLevel Level, string Policy, string Partition, string Id)
{
    /// <summary>Partition of answers that are the same for every caller.</summary>
    public const string SharedPartition = "all";

    /// <summary>The key of user text when <c>Caching:KeySecret</c> is not configured; allowed only in Development.</summary>
    public const string DevelopmentSecret = "leads-development-only-cache-key-secret";

    private static byte[] s_secret = Encoding.UTF8.GetBytes(DevelopmentSecret);

    /// <summary>
    /// Sets the secret user text is hashed with; every instance of a deployment must use the same one (else they
    /// do not share entries). Set once at start-up; changing it only orphans entries until their TTL.
    /// </summary>
    public static void UseSecret(string secret)
    {
        if (string.IsNullOrEmpty(secret) || Encoding.UTF8.GetByteCount(secret) < 16)
        {
            throw new ArgumentException("The cache key secret must be at least 16 bytes.", nameof(secret));
        }

        s_secret = Encoding.UTF8.GetBytes(secret);
    }

    public static string LevelName(CacheLevel level) => level switch
    {
        CacheLevel.Api => "api",
        CacheLevel.Db => "db",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The Redis key: <c>{prefix}:{level}:{policy}:{partition}:{id}</c>.</summary>
    public string Render(string prefix) => string.Concat(prefix, ":", LevelName(Level), ":", Policy, ":", Partition, ":", Id);

    /// <summary>The key without the environment prefix, as shown to operators (hot keys).</summary>
    public string Describe() => string.Concat(LevelName(Level), ":", Policy, ":", Partition, ":", Id);

    /// <summary>The key id of a query identified by one id alone: the same text as <c>Parts((object)id)</c>, without boxing or a builder.</summary>
    public static string Parts(Guid id) => id.ToString("N");

    /// <summary>
    /// Joins query parameters into a key id. Ids, numbers, enums and booleans are written as they are;
    /// strings are replaced by a hash of their text; null is written as <c>_</c>.
    /// </summary>
    public static string Parts(params object?[] parts)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(':');
            }

            builder.Append(parts[i] switch
            {
                null => "_",
                Guid guid => guid.ToString("N"),
                string text => "h" + HashText(text),
                Enum value => value.ToString(),
                bool flag => flag ? "1" : "0",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => "h" + HashText(other.ToString() ?? string.Empty),
            });
        }

        return builder.ToString();
    }

    // 128 of HMAC-SHA256's 256 bits: as long as a key needs, and about 1 µs for a search string.
    private static string HashText(string text)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(s_secret, Encoding.UTF8.GetBytes(text), mac);
        return Convert.ToHexStringLower(mac[..16]);
    }
}
