using Leads.Application.Admin.Models;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Caching.Tiers;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// The dashboard's memory of the last minutes: a ring of at most <see cref="MonitoringOptions.TimelinePoints"/>
/// samples of this instance's counters, taken every <see cref="MonitoringOptions.TimelineInterval"/> by
/// <see cref="CacheTimelineSampler"/>; a point is the difference of two samples. Reading adds a live point
/// (from the last sample to now), so a fresh instance already shows what it did.
/// </summary>
public sealed class CacheTimeline(
    CacheStatistics statistics,
    HttpLevelStatistics http,
    HotKeyTracker hotKeys,
    L1Cache l1,
    RedisMemoryMonitor memory,
    DeferredInvalidations deferred,
    RedisGuard redis,
    IOptions<CachingOptions> options,
    TimeProvider time) : ICacheTimeline
{
    private readonly Queue<TimelineSample> _samples = new();
    private readonly MonitoringOptions _options = options.Value.Monitoring;

    /// <summary>Instance name shown on the dashboard: host and process, since each instance counts its own traffic.</summary>
    public static string InstanceName { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    public void Sample()
    {
        var sample = Take();
        lock (_samples)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > Math.Max(2, _options.TimelinePoints + 1))
            {
                _samples.Dequeue();
            }
        }
    }

    public CacheTimelineDto Read(int hotKeysPerLevel)
    {
        TimelineSample[] samples;
        lock (_samples)
        {
            samples = [.. _samples];
        }

        var live = Take();
        var points = new List<CacheTimelinePointDto>(samples.Length + 1);
        for (var i = 1; i < samples.Length; i++)
        {
            points.Add(TimelinePoints.Between(samples[i - 1], samples[i], l1.SizeLimitBytes, live: false));
        }

        if (samples.Length > 0 && live.At > samples[^1].At)
        {
            points.Add(TimelinePoints.Between(samples[^1], live, l1.SizeLimitBytes, live: true));
        }

        return new CacheTimelineDto(
            InstanceName,
            "answering instance: hit ratios, requests, L1 and pending invalidations are this instance's own; Redis memory and evictions are shared",
            live.At,
            _options.TimelineInterval.TotalSeconds,
            hotKeys.BucketLength.TotalSeconds,
            hotKeys.SampleRate,
            hotKeys.Capacity,
            points,
            TimelinePoints.HeatMap(hotKeys.Snapshot(), hotKeysPerLevel));
    }

    private TimelineSample Take()
    {
        var lookups = new long[3];
        var hits = new long[3];
        long l1Hits = 0, l2Hits = 0;
        lookups[0] = http.Lookups;
        hits[0] = http.Hits;
        foreach (var (level, _, counts) in statistics.Snapshot())
        {
            var index = level == CacheLevel.Api ? 1 : 2;
            lookups[index] += counts.Sum();
            hits[index] += counts[(int)CacheOutcome.HitL1] + counts[(int)CacheOutcome.HitL2];
            l1Hits += counts[(int)CacheOutcome.HitL1];
            l2Hits += counts[(int)CacheOutcome.HitL2];
        }

        var redisMemory = memory.Last;
        return new TimelineSample(
            time.GetUtcNow(),
            http.Requests,
            lookups,
            hits,
            l1Hits,
            l2Hits,
            redisMemory?.UsedBytes ?? 0,
            redisMemory?.MaxBytes ?? 0,
            redisMemory?.EvictedKeys ?? 0,
            l1.Count,
            l1.SizeBytes,
            deferred.Count,
            CircuitName(redis));
    }

    private static string CircuitName(RedisGuard redis) => !redis.IsAvailable ? "disconnected" : redis.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half-open",
        _ => "isolated",
    };
}
