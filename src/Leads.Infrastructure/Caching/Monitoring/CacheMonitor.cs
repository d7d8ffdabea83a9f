using Leads.Application.Admin.Models;
using Leads.Application.Caching;

namespace Leads.Infrastructure.Caching.Monitoring;

public sealed class CacheMonitor(CacheStatistics statistics, HotKeyTracker hotKeys, Tiers.L1Cache l1, RedisMemoryMonitor memory, Invalidation.DeferredInvalidations deferred, Redis.RedisGuard redis) : ICacheMonitor
{
    public async Task<CacheStatsDto> GetStatsAsync(int hotKeyCount, CancellationToken cancellationToken)
    {
        var sample = await memory.SampleAsync();
        var policies = statistics.Snapshot()
            .Select(p => new CachePolicyStatsDto(
                CacheKey.LevelName(p.Level),
                p.Policy,
                p.Counts[(int)CacheOutcome.HitL1],
                p.Counts[(int)CacheOutcome.HitL2],
                p.Counts[(int)CacheOutcome.Miss],
                p.Counts[(int)CacheOutcome.Bypass],
                p.Counts[(int)CacheOutcome.Unavailable]))
            .ToArray();
        return new CacheStatsDto(
            policies,
            hotKeys.Top(hotKeyCount).Select(k => new HotKeyDto(k.Key, k.Value)).ToArray(),
            l1.Count,
            new RedisStatsDto(redis.IsAvailable, sample?.UsedBytes ?? 0, sample?.MaxBytes ?? 0, sample?.SampledAt),
            deferred.Count);
    }
}
