using Leads.Application.Admin.Models;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>Turns samples into timeline points and hot-key buckets into heat-map rows.</summary>
public static class TimelinePoints
{
    public static CacheTimelinePointDto Between(TimelineSample from, TimelineSample to, long l1LimitBytes, bool live)
    {
        var seconds = Math.Max(0.001, (to.At - from.At).TotalSeconds);
        var levels = HotKeyTracker.LevelNames
            .Select((name, i) =>
            {
                var lookups = to.Lookups[i] - from.Lookups[i];
                var hits = to.Hits[i] - from.Hits[i];
                return new LevelHitRatioDto(name, lookups, hits, Ratio(hits, lookups));
            })
            .ToArray();
        var tierLookups = to.Lookups[1] + to.Lookups[2] - from.Lookups[1] - from.Lookups[2];
        var l1Hits = to.L1Hits - from.L1Hits;
        return new CacheTimelinePointDto(
            to.At,
            Math.Round(seconds, 3),
            Math.Round((to.Requests - from.Requests) / seconds, 2),
            levels,
            Ratio(l1Hits, tierLookups),
            Ratio(to.L2Hits - from.L2Hits, tierLookups - l1Hits),
            to.RedisUsedBytes,
            to.RedisMaxBytes,

            // Redis restarted in between: its counter began again from zero.
            Math.Max(0, to.RedisEvictedKeys - from.RedisEvictedKeys),
            to.L1Entries,
            to.L1Bytes,
            l1LimitBytes,
            to.PendingInvalidations,
            to.RedisCircuit,
            live);
    }

    /// <summary>Per level, the <paramref name="keys"/> keys with the most estimated accesses over all buckets, with one count per bucket.</summary>
    public static IReadOnlyList<HotKeyHeatMapDto> HeatMap(IReadOnlyList<HotKeyBucket> buckets, int keys) =>
        HotKeyTracker.LevelNames
            .Select((name, level) =>
            {
                var rows = buckets
                    .SelectMany(b => b.Levels[level])
                    .GroupBy(e => e.Key, StringComparer.Ordinal)
                    .Select(g => (Key: g.Key, Total: g.Sum(e => e.Count)))
                    .OrderByDescending(r => r.Total).ThenBy(r => r.Key, StringComparer.Ordinal)
                    .Take(keys)
                    .Select(r => new HotKeyRowDto(
                        r.Key,
                        r.Total,
                        buckets.Select(b => b.Levels[level].FirstOrDefault(e => e.Key == r.Key).Count).ToArray()))
                    .ToArray();
                return new HotKeyHeatMapDto(name, buckets.Select(b => b.Start).ToArray(), rows, buckets.Select(b => b.MaxErrors[level]).ToArray());
            })
            .ToArray();

    private static double? Ratio(long part, long whole) => whole <= 0 ? null : Math.Round((double)part / whole, 4);
}
