using System.Diagnostics.Metrics;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Caching.Tiers;
using Polly.CircuitBreaker;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// The cache's state as Prometheus can alert on it (deploy/monitoring/alerts.yml): pending invalidations, whether
/// the Redis circuit is open, L1 size, and Redis evictions since it started. The counters of lookups live in
/// <see cref="CacheMetrics"/>; these are read when scraped.
/// </summary>
public sealed class CacheStateGauges
{
    public CacheStateGauges(IMeterFactory meterFactory, DeferredInvalidations deferred, RedisGuard redis, L1Cache l1, RedisMemoryMonitor memory)
    {
        var meter = meterFactory.Create(CacheMetrics.MeterName);
        meter.CreateObservableGauge("leads.cache.invalidations.pending", () => deferred.Count, "{tag}", "Tag invalidations waiting for Redis to come back.");
        meter.CreateObservableGauge(
            "leads.cache.redis.circuit.open",
            () => !redis.IsAvailable || redis.CircuitState is CircuitState.Open or CircuitState.Isolated ? 1 : 0,
            "{state}",
            "1 while Redis is disconnected or its circuit breaker is open (the cache is bypassed), else 0.");
        meter.CreateObservableGauge("leads.cache.l1.size", () => SizeOf(l1), "By", "Estimated bytes held by the in-process tier.");
        meter.CreateObservableGauge("leads.cache.l1.limit", () => l1.SizeLimitBytes, "By", "Size limit of the in-process tier.");
        meter.CreateObservableCounter("leads.cache.redis.evictions", () => memory.Last?.EvictedKeys ?? 0, "{key}", "Keys Redis evicted since it started (INFO stats evicted_keys, at the last sample).");
    }

    // A callback that throws loses the whole instrument from the scrape; a host shutting down disposes L1 first.
    private static long SizeOf(L1Cache l1)
    {
        try
        {
            return l1.SizeBytes;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }
}
