using System.Diagnostics;
using Leads.Application.Caching;
using Leads.Application.Common.Diagnostics;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// Wraps the cache in one span per lookup, tagged with <c>cache.level</c>, <c>cache.policy</c>,
/// <c>cache.outcome</c> (hit, miss, bypass, unavailable) and <c>cache.tier</c> (l1, l2, or source when the
/// loader ran), so a trace shows which level answered and what the loader (Redis, SQL) cost underneath.
/// </summary>
public sealed class TracingCacheStore(ICacheStore inner) : ICacheStore
{
    // Without a listener (no exporter configured) a lookup goes straight to the cache: building the span name and
    // the async wrapper cost a hit 140 ns and 64 B even though no span is created (benchmarks.md, "Tracing cost").
    public ValueTask<CacheResult<T>> GetOrCreateAsync<T>(CacheKey key, CacheEntryOptions options, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken) =>
        LeadsTracing.Source.HasListeners()
            ? TracedAsync(key, options, factory, cancellationToken)
            : inner.GetOrCreateAsync(key, options, factory, cancellationToken);

    private async ValueTask<CacheResult<T>> TracedAsync<T>(CacheKey key, CacheEntryOptions options, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken)
    {
        using var activity = Start(key.Level, key.Policy);
        var result = await inner.GetOrCreateAsync(key, options, factory, cancellationToken);
        Tag(activity, result.Outcome);
        return result;
    }

    public ValueTask<IReadOnlyList<CacheResult<T>>> GetOrCreateManyAsync<T>(
        IReadOnlyList<CacheKey> keys,
        CachePolicy policy,
        Func<int, IReadOnlyList<string>> tags,
        Func<IReadOnlyList<int>, CancellationToken, ValueTask<IReadOnlyList<T?>>> loadMissing,
        CancellationToken cancellationToken) =>
        LeadsTracing.Source.HasListeners()
            ? TracedManyAsync(keys, policy, tags, loadMissing, cancellationToken)
            : inner.GetOrCreateManyAsync(keys, policy, tags, loadMissing, cancellationToken);

    private async ValueTask<IReadOnlyList<CacheResult<T>>> TracedManyAsync<T>(
        IReadOnlyList<CacheKey> keys,
        CachePolicy policy,
        Func<int, IReadOnlyList<string>> tags,
        Func<IReadOnlyList<int>, CancellationToken, ValueTask<IReadOnlyList<T?>>> loadMissing,
        CancellationToken cancellationToken)
    {
        using var activity = Start(policy.Level, policy.Name);
        var results = await inner.GetOrCreateManyAsync(keys, policy, tags, loadMissing, cancellationToken);
        if (activity is not null)
        {
            activity.SetTag("cache.keys", keys.Count);

            // One span for the batch: a miss as soon as one key had to be loaded, else the slowest tier that answered.
            Tag(activity, results.Count == 0 ? CacheOutcome.HitL1 : results.Max(r => r.Outcome));
        }

        return results;
    }

    public ValueTask<bool> InvalidateTagsAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken) =>
        inner.InvalidateTagsAsync(tags, cancellationToken);

    public ValueTask<long> RemoveByPatternAsync(CacheLevel? level, string pattern, CancellationToken cancellationToken) =>
        inner.RemoveByPatternAsync(level, pattern, cancellationToken);

    private static Activity? Start(CacheLevel level, string policy)
    {
        var activity = LeadsTracing.Source.StartActivity("cache " + CacheKey.LevelName(level) + " " + policy, ActivityKind.Internal);
        activity?.SetTag("cache.level", CacheKey.LevelName(level));
        activity?.SetTag("cache.policy", policy);
        return activity;
    }

    private static void Tag(Activity? activity, CacheOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("cache.outcome", outcome switch
        {
            CacheOutcome.HitL1 or CacheOutcome.HitL2 => "hit",
            CacheOutcome.Miss => "miss",
            CacheOutcome.Bypass => "bypass",
            _ => "unavailable",
        });
        activity.SetTag("cache.tier", outcome switch
        {
            CacheOutcome.HitL1 => "l1",
            CacheOutcome.HitL2 => "l2",
            _ => "source",
        });
    }
}
