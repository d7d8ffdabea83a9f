using System.Text;
using Leads.Application.Caching;

namespace Leads.Api.Http;

/// <summary>
/// Formats the RFC 9211 <c>Cache-Status</c> value: one member per cache lookup of the request, the level closest to
/// the origin (database) first, then <c>leads-http</c> when the client's own copy was served (304). Operators and
/// tests read it to see which level answered, so the wording is a contract (docs/http-caching.md).
/// </summary>
public static class CacheStatusHeader
{
    public const string Name = "Cache-Status";

    public static string Format(IReadOnlyList<CacheTraceEntry> entries, bool notModified)
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

            builder.Append("leads-http; hit; detail=not-modified");
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
