using System.Collections.Concurrent;
using System.Globalization;

namespace Leads.Infrastructure.Caching.Outage;

/// <summary>
/// One outage epoch's generations: a counter per tag, raised once for every committed change that invalidates it
/// since the epoch began. Entries loaded during the epoch are kept in L1 under their own keys (never in Redis),
/// stamped with these counters read before their load, exactly as <see cref="Invalidation.TagGenerations"/> stamps
/// them with Redis counters; an entry of another epoch is never looked up.
/// </summary>
public sealed class OutageView(long epoch)
{
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public long Epoch => epoch;

    /// <summary>The L1 key of <paramref name="fullKey"/> in this epoch (no Redis key starts like it).</summary>
    public string Key(string fullKey) => string.Concat("outage:", epoch.ToString(CultureInfo.InvariantCulture), "|", fullKey);

    public long[] Stamps(IReadOnlyList<string> tags)
    {
        var stamps = new long[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            stamps[i] = _generations.GetValueOrDefault(tags[i]);
        }

        return stamps;
    }

    /// <summary>Every entry stamped before this with one of <paramref name="tags"/> is stale from now on.</summary>
    public void Bump(IEnumerable<string> tags)
    {
        foreach (var tag in tags)
        {
            _generations.AddOrUpdate(tag, 1, static (_, generation) => generation + 1);
        }
    }
}
