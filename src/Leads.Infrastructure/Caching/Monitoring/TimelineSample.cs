namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// Counters since start (requests, lookups and hits per level index of <see cref="HotKeyTracker.LevelNames"/>,
/// tier hits, Redis evictions) and gauges, read at <paramref name="At"/>; two samples make a timeline point.
/// </summary>
public sealed record TimelineSample(
    DateTimeOffset At,
    long Requests,
    long[] Lookups,
    long[] Hits,
    long L1Hits,
    long L2Hits,
    long RedisUsedBytes,
    long RedisMaxBytes,
    long RedisEvictedKeys,
    long L1Entries,
    long L1Bytes,
    int PendingInvalidations,
    string RedisCircuit);
