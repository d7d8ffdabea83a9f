namespace Leads.Application.Admin.Models;

/// <summary>What the cache is doing now: hit ratios per level and policy, the hottest keys, memory, pending invalidations.</summary>
public sealed record CacheStatsDto(
    IReadOnlyList<CachePolicyStatsDto> Policies,
    IReadOnlyList<HotKeyDto> HotKeys,
    long L1Entries,
    RedisStatsDto Redis,
    int PendingInvalidations);
