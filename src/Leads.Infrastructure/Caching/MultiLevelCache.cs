using System.Diagnostics;
using System.Globalization;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Loading;
using Leads.Infrastructure.Caching.Outage;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Caching.Serialization;
using Leads.Infrastructure.Caching.Tiers;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching;

/// <summary>
/// The cache engine's orchestration, and only that: stamps (tag generations) → L1 → L2 (Redis) → single flight
/// (+ Redis lease across instances) → load → store. Each step lives in its own type; whenever Redis is slow or
/// down, or an invalidation of this instance is still pending, L1 answers under outage stamps validated against
/// the outbox (<see cref="OutageGenerations"/>), or, when those cannot be had either, the loader runs against the
/// source of truth and nothing is stored. See docs/caching.md.
/// </summary>
public sealed partial class MultiLevelCache(
    TagGenerations generations,
    L1Cache l1,
    RedisTier l2,
    EntryCodec codec,
    SingleFlight flights,
    RedisLease lease,
    TagInvalidator invalidator,
    DeferredInvalidations deferred,
    OutageGenerations outage,
    RedisPrimaryWatch primary,
    CacheMetrics metrics,
    TimeProvider time,
    IOptions<CachingOptions> options) : ICacheStore
{
    private readonly string _prefix = options.Value.KeyPrefix;

    public async ValueTask<CacheResult<T>> GetOrCreateAsync<T>(CacheKey key, CacheEntryOptions options, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var policy = options.Policy;
        if (!policy.Enabled)
        {
            return Record(key, new CacheResult<T>(await factory(cancellationToken), CacheOutcome.Bypass, null), started);
        }

        var fullKey = key.Render(_prefix);
        var stamps = CanUseCache ? await generations.GetAsync(options.Tags, cancellationToken) : null;
        if (stamps is null)
        {
            return Record(key, await LoadWithoutRedisAsync(fullKey, options.Tags, policy, factory, cancellationToken), started);
        }

        var found = await LookupAsync<T>(fullKey, stamps, policy, cancellationToken);
        if (found.HasValue)
        {
            return Record(key, found, started);
        }

        if (found.Outcome == CacheOutcome.Unavailable)
        {
            return Record(key, await LoadWithoutRedisAsync(fullKey, options.Tags, policy, factory, cancellationToken), started);
        }

        // The flight key carries the stamps: a request that saw a newer generation must not join a load that
        // may have read the data before the change.
        var version = string.Join(',', stamps);
        var flightKey = string.Concat(fullKey, "|", version);
        var (loaded, joined) = await flights.RunAsync(flightKey, () => LoadAndStoreAsync(fullKey, version, stamps, policy, factory), cancellationToken);
        return Record(key, joined ? loaded with { Outcome = CacheOutcome.Miss } : loaded, started);
    }

    public ValueTask<bool> InvalidateTagsAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken) =>
        invalidator.InvalidateAsync(tags, cancellationToken);

    public async ValueTask<long> RemoveByPatternAsync(CacheLevel? level, string pattern, CancellationToken cancellationToken)
    {
        var levels = level is { } only ? [only] : new[] { CacheLevel.Api, CacheLevel.Db };
        long removed = 0;
        foreach (var current in levels)
        {
            var glob = string.Concat(RedisGlob.Escape(_prefix), ":", CacheKey.LevelName(current), ":", RedisGlob.Escape(pattern, keepStar: true));
            removed += await l2.RemoveMatchingAsync(glob, cancellationToken);
        }

        l1.Clear();
        outage.Restart();
        await invalidator.PublishClearAsync();
        return removed;
    }

    // Not while an invalidation of this instance is pending, nor while the counters Redis answers with may be an
    // older copy than the ones entries were stamped against (RedisPrimaryWatch.Unsettled, ADR 0005).
    private bool CanUseCache => l2.IsAvailable && !deferred.HasPending && !primary.Unsettled;

    private async ValueTask<CacheResult<T>> LookupAsync<T>(string fullKey, long[] stamps, CachePolicy policy, CancellationToken cancellationToken)
    {
        if (policy.UseL1 && l1.TryGet(fullKey, stamps, out var entry))
        {
            return new CacheResult<T>((T?)entry.Value, CacheOutcome.HitL1, entry.Payload);
        }

        var (ok, value) = await l2.ReadAsync(fullKey, cancellationToken);
        return ok ? FromRedis<T>(fullKey, value, stamps, policy) : new CacheResult<T>(default, CacheOutcome.Unavailable, null);
    }

    private CacheResult<T> FromRedis<T>(string fullKey, RedisValue value, long[] stamps, CachePolicy policy)
    {
        if (!EntryCodec.TryDecode<T>(value.IsNull ? null : (byte[])value!, stamps, out var result, out var payload))
        {
            return new CacheResult<T>(default, CacheOutcome.Miss, null);
        }

        if (policy.UseL1)
        {
            l1.Set(fullKey, new L1Entry(result, payload, stamps), policy.Duration);
        }

        return new CacheResult<T>(result, CacheOutcome.HitL2, payload);
    }

    /// <summary>
    /// Redis cannot be used: L1 answers under the outage epoch's stamps, which a read of the outbox that started
    /// after this call has brought up to date (every change acknowledged before it is seen); a miss loads and
    /// stores in L1 only, under those stamps read before the load. Without outage stamps (switched off, the policy
    /// keeps no L1, the outbox unreadable) the loader runs and nothing is stored.
    /// </summary>
    private async Task<CacheResult<T>> LoadWithoutRedisAsync<T>(string fullKey, IReadOnlyList<string> tags, CachePolicy policy, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken)
    {
        var view = policy.UseL1 ? await outage.CurrentAsync(cancellationToken) : null;
        if (view is null)
        {
            return await LoadUncachedOnceAsync(fullKey, factory, cancellationToken);
        }

        var key = view.Key(fullKey);
        var stamps = view.Stamps(tags);
        if (outage.Entries.TryGet(key, stamps, out var entry))
        {
            return new CacheResult<T>((T?)entry.Value, CacheOutcome.HitL1, entry.Payload);
        }

        var (result, _) = await flights.RunAsync(
            string.Concat(key, "|", string.Join(',', stamps)),
            async () =>
            {
                if (outage.Entries.TryGet(key, stamps, out var stored))
                {
                    return new CacheResult<T>((T?)stored.Value, CacheOutcome.HitL1, stored.Payload);
                }

                metrics.Load(policy.Name);
                var value = await factory(CancellationToken.None);
                if (value is not null)
                {
                    StoreDuringOutage(key, value, stamps, policy);
                }

                return new CacheResult<T>(value, CacheOutcome.Unavailable, null);
            },
            cancellationToken);
        return result;
    }

    private void StoreDuringOutage<T>(string key, T value, long[] stamps, CachePolicy policy) =>
        outage.Entries.Set(key, new L1Entry(value, CachedPayload.Serialize(value, time.GetUtcNow()), stamps), policy.Duration < outage.EntryLifetime ? policy.Duration : outage.EntryLifetime);

    /// <summary>
    /// Redis cannot be used, so nothing is stored; callers of one key arriving together still share one load,
    /// because that is when the source of truth carries the whole traffic.
    /// </summary>
    private async Task<CacheResult<T>> LoadUncachedOnceAsync<T>(string fullKey, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken)
    {
        var (result, _) = await flights.RunAsync(
            string.Concat(fullKey, "|uncached|", invalidator.Issued.ToString(CultureInfo.InvariantCulture)),
            async () => new CacheResult<T>(await factory(CancellationToken.None), CacheOutcome.Unavailable, null),
            cancellationToken);
        return result;
    }

    private async Task<CacheResult<T>> LoadAndStoreAsync<T>(string fullKey, string version, long[] stamps, CachePolicy policy, Func<CancellationToken, ValueTask<T>> factory)
    {
        // Double-check: a load of this key may have finished (stored, and left the flight table) between this
        // request's lookup and its taking the flight; loading again would be a second query for the same answer.
        // Redis is asked, not only L1: the load that finished may have been another instance's (it stored into Redis
        // and its own L1 only) or this process's entry may have been evicted from L1 meanwhile.
        var stored = await LookupAsync<T>(fullKey, stamps, policy, CancellationToken.None);
        if (stored.HasValue)
        {
            return stored;
        }

        var held = await lease.TakeAsync(fullKey, version);
        if (held.HeldElsewhere)
        {
            // Another instance is loading this entry: wait briefly for it rather than hit the database too.
            var (found, value) = await lease.WaitForAsync(async () =>
            {
                var result = await LookupAsync<T>(fullKey, stamps, policy, CancellationToken.None);
                return (result.HasValue, result.Outcome != CacheOutcome.Unavailable, result);
            });
            if (found)
            {
                return value;
            }
        }

        try
        {
            // Loads are shared by every waiting request, so none of their cancellations may abort it.
            metrics.Load(policy.Name);
            var value = await factory(CancellationToken.None);
            if (value is null)
            {
                return new CacheResult<T>(value, CacheOutcome.Miss, null);
            }

            var payload = await StoreAsync(fullKey, value, stamps, policy, CancellationToken.None);
            return new CacheResult<T>(value, CacheOutcome.Miss, payload);
        }
        finally
        {
            lease.Release(held);
        }
    }

    private async Task<CachedPayload> StoreAsync<T>(string fullKey, T value, long[] stamps, CachePolicy policy, CancellationToken cancellationToken)
    {
        var (payload, entry) = codec.Encode(value, stamps);
        if (policy.UseL1)
        {
            l1.Set(fullKey, new L1Entry(value, payload, stamps), policy.Duration);
        }

        await l2.WriteAsync(fullKey, entry, policy.Duration, cancellationToken);
        return payload;
    }

    private CacheResult<T> Record<T>(CacheKey key, CacheResult<T> result, long started)
    {
        metrics.Lookup(key, result.Outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }
}
