using System.Diagnostics;
using System.Diagnostics.Metrics;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Monitoring;

namespace Leads.Infrastructure.Caching;

/// <summary>
/// Cache instruments on the <c>Leads.Cache</c> meter: lookups by level, policy and outcome (hit ratio per
/// level), lookup latency, invalidations and Redis failures. Exporting them is configuration (OpenTelemetry).
/// <para>
/// A lookup costs a cached hit no measurement: lookups are counted in <see cref="CacheStatistics"/> (one
/// increment) and the counter reads those counts when it is collected; latency is recorded for lookups that did
/// more than read the in-process tier (an L1 hit is a dictionary read, cheaper than recording its duration).
/// </para>
/// </summary>
public sealed class CacheMetrics : IDisposable
{
    private readonly CacheStatistics _statistics;
    private readonly HotKeyTracker _hotKeys;
    public const string MeterName = "Leads.Cache";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _invalidations;
    private readonly Counter<long> _redisFailures;
    private readonly Counter<long> _loads;

    public CacheMetrics(IMeterFactory meterFactory, CacheStatistics statistics, HotKeyTracker hotKeys)
    {
        _statistics = statistics;
        _hotKeys = hotKeys;
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableCounter("leads.cache.lookups", ObserveLookups, "{lookup}", "Cache lookups by level, policy and outcome (hit_l1, hit_l2, miss, bypass, unavailable).");
        _duration = _meter.CreateHistogram<double>("leads.cache.lookup.duration", "ms", "Time to answer a lookup not answered by L1, loader included on a miss.");
        _invalidations = _meter.CreateCounter<long>("leads.cache.invalidations", "{tag}", "Tags invalidated, by how the invalidation reached Redis (applied, deferred, replayed).");
        _redisFailures = _meter.CreateCounter<long>("leads.cache.redis.failures", "{failure}", "Redis calls that failed or were skipped (timeout, error, circuit-open, disconnected, soft-timeout, stuck, late-timeout, late-error), by kind and wait (brief, outcome).");
        _loads = _meter.CreateCounter<long>("leads.cache.loads", "{load}", "Loader runs (source-of-truth reads) caused by misses, by policy.");
    }

    /// <summary>Counts one lookup in the meters, the admin statistics and (sampled) the hot-key ranking.</summary>
    public void Lookup(CacheKey key, CacheOutcome outcome, double elapsedMs)
    {
        var level = key.Level;
        var policy = key.Policy;
        _statistics.Record(level, policy, outcome);
        _hotKeys.Record(key);
        if (outcome != CacheOutcome.HitL1)
        {
            _duration.Record(elapsedMs, Tags(level, policy, outcome));
        }
    }

    public void Load(string policy) => _loads.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void Invalidated(int tagCount, string how) => _invalidations.Add(tagCount, new KeyValuePair<string, object?>("result", how));

    /// <summary>A Redis call that failed or was skipped; <paramref name="wait"/> tells a read (brief) from a call waiting for its outcome.</summary>
    public void RedisFailure(string kind, Redis.RedisWait wait) => _redisFailures.Add(
        1,
        new KeyValuePair<string, object?>("kind", kind),
        new KeyValuePair<string, object?>("wait", wait == Redis.RedisWait.Brief ? "brief" : "outcome"));

    private IEnumerable<Measurement<long>> ObserveLookups()
    {
        foreach (var (level, policy, counts) in _statistics.Snapshot())
        {
            for (var outcome = 0; outcome < counts.Length; outcome++)
            {
                if (counts[outcome] > 0)
                {
                    yield return new Measurement<long>(counts[outcome], Tags(level, policy, (CacheOutcome)outcome));
                }
            }
        }
    }

    private static TagList Tags(CacheLevel level, string policy, CacheOutcome outcome) => new()
    {
        { "level", CacheKey.LevelName(level) },
        { "policy", policy },
        { "outcome", OutcomeName(outcome) },
    };

    public static string OutcomeName(CacheOutcome outcome) => outcome switch
    {
        CacheOutcome.HitL1 => "hit_l1",
        CacheOutcome.HitL2 => "hit_l2",
        CacheOutcome.Miss => "miss",
        CacheOutcome.Bypass => "bypass",
        _ => "unavailable",
    };

    public void Dispose() => _meter.Dispose();
}
