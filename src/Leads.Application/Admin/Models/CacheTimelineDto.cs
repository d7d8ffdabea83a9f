namespace Leads.Application.Admin.Models;

/// <summary>
/// The operators' dashboard data: samples of the cache over time and the hottest keys per level and time bucket.
/// Numbers are those of <paramref name="Instance"/>, the instance that answered (each instance counts its own
/// traffic; Redis memory and evictions are shared by all).
/// </summary>
public sealed record CacheTimelineDto(
    string Instance,
    string Scope,
    DateTimeOffset GeneratedAt,
    double IntervalSeconds,
    double HotKeyBucketSeconds,
    int HotKeySampleRate,
    int HotKeyCapacity,
    IReadOnlyList<CacheTimelinePointDto> Points,
    IReadOnlyList<HotKeyHeatMapDto> HeatMap);
