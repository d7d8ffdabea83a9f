using System.Collections.Concurrent;
using System.Text;
using Leads.Application.Caching;

namespace Leads.Api.Http;

/// <summary>
/// Formats the RFC 9211 <c>Cache-Status</c> value: one member per cache lookup of the request, the level closest to
/// the origin (database) first, then <c>leads-http</c> when the client's own copy was served (304). Operators and
/// tests read it to see which level answered, so the wording is a contract (docs/http-caching.md).
/// <para>
/// Every request of a kind makes the same few lookups with the same outcomes, so the value of each sequence of up to
/// three lookups is built once and reused: a cached hit sends the header without building a string.
/// </para>
/// </summary>
public static class CacheStatusHeader
{
    public const string Name = "Cache-Status";

    private const string NotModifiedMember = "leads-http; hit; detail=not-modified";
    private const int MaxRemembered = 4096;

    private static readonly ConcurrentDictionary<(CacheTraceEntry, CacheTraceEntry, CacheTraceEntry, int, bool), string> Remembered = new();

    public static string Format(IReadOnlyList<CacheTraceEntry> entries, bool notModified)
    {
        if (entries.Count > 3)
        {
            return Build(entries, notModified);
        }

        var key = (At(entries, 0), At(entries, 1), At(entries, 2), entries.Count, notModified);
        if (Remembered.TryGetValue(key, out var value))
        {
            return value;
        }

        value = Build(entries, notModified);
        if (Remembered.Count < MaxRemembered)
        {
            Remembered.TryAdd(key, value);
        }

        return value;
    }

    private static CacheTraceEntry At(IReadOnlyList<CacheTraceEntry> entries, int index) => index < entries.Count ? entries[index] : default;

    private static string Build(IReadOnlyList<CacheTraceEntry> entries, bool notModified)
    {
        var builder = new StringBuilder();

        // OrderBy is stable: lookups on the same level keep the order they happened in.
        foreach (var entry in entries.OrderByDescending(e => e.Level))
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            builder.Append("leads-").Append(CacheKey.LevelName(entry.Level)).Append(Outcome(entry)).Append("; key=").Append(entry.Policy);
        }

        if (notModified)
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            builder.Append(NotModifiedMember);
        }

        return builder.ToString();
    }

    private static string Outcome(CacheTraceEntry entry) => entry.Outcome switch
    {
        CacheOutcome.HitL1 => "; hit; detail=l1",
        CacheOutcome.HitL2 => "; hit; detail=l2",
        CacheOutcome.Miss => entry.Stored ? "; fwd=miss; stored" : "; fwd=miss",
        CacheOutcome.Bypass => "; fwd=bypass; detail=disabled",
        _ => "; fwd=bypass; detail=unavailable",
    };
}
