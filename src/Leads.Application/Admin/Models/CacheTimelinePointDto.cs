namespace Leads.Application.Admin.Models;

/// <summary>
/// What happened during the <paramref name="Seconds"/> before <paramref name="At"/>: hit ratios per level and per
/// tier (L1 of all api/db lookups, L2 of those L1 missed; null when there were none), requests per second and
/// Redis evictions; gauges (memory, L1 size, pending invalidations, circuit) as read at <paramref name="At"/>.
/// <paramref name="Live"/> marks the last point, measured when the request was answered.
/// </summary>
public sealed record CacheTimelinePointDto(
    DateTimeOffset At,
    double Seconds,
    double RequestsPerSecond,
    IReadOnlyList<LevelHitRatioDto> Levels,
    double? L1HitRatio,
    double? L2HitRatio,
    long RedisUsedMemoryBytes,
    long RedisMaxMemoryBytes,
    long RedisEvictions,
    long L1Entries,
    long L1Bytes,
    long L1LimitBytes,
    int PendingInvalidations,
    string RedisCircuit,
    bool Live);
