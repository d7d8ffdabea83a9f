using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Leads.Application.Caching;

/// <summary>
/// Identifies one cached answer: level (namespace), policy, the caller's partition and the query's own
/// parts. This is the only place where key text is put together; user-supplied strings are hashed,
/// so glob characters cannot widen a pattern invalidation and no personal data shows up in SCAN output.
/// </summary>
public readonly record struct CacheKey(CacheLevel Level, string Policy, string Partition, string Id)
{
    /// <summary>Partition of answers that are the same for every caller.</summary>
    public const string SharedPartition = "all";

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

    private static string HashText(string text) =>
        XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text)).ToString("x16", CultureInfo.InvariantCulture);
}
