using System.Diagnostics;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Outage;
using Leads.Infrastructure.Caching.Tiers;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching;

/// <summary>Batched reads and writes: many entries in one L1 pass and one Redis round trip per hash slot.</summary>
public sealed partial class MultiLevelCache
{
    public async ValueTask<IReadOnlyList<CacheResult<T>>> GetOrCreateManyAsync<T>(
        IReadOnlyList<CacheKey> keys,
        CachePolicy policy,
        Func<int, IReadOnlyList<string>> tags,
        Func<IReadOnlyList<int>, CancellationToken, ValueTask<IReadOnlyList<T?>>> loadMissing,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (policy.Enabled && policy.UseL1 && !CanUseCache && await outage.CurrentAsync(cancellationToken) is { } view)
        {
            return await GetOrCreateManyWithoutRedisAsync(keys, policy, tags, loadMissing, view, started);
        }

        var results = new CacheResult<T>[keys.Count];
        var stamps = new long[]?[keys.Count];
        var fullKeys = new string[keys.Count];
        var cacheUsable = policy.Enabled && CanUseCache;
        var toFetch = new List<int>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            fullKeys[i] = keys[i].Render(_prefix);
            stamps[i] = cacheUsable ? await generations.GetAsync(tags(i), cancellationToken) : null;
            if (stamps[i] is null)
            {
                results[i] = new CacheResult<T>(default, policy.Enabled ? CacheOutcome.Unavailable : CacheOutcome.Bypass, null);
            }
            else if (policy.UseL1 && l1.TryGet(fullKeys[i], stamps[i], out var entry))
            {
                results[i] = new CacheResult<T>((T?)entry.Value, CacheOutcome.HitL1, entry.Payload);
            }
            else
            {
                toFetch.Add(i);
            }
        }

        if (toFetch.Count > 0)
        {
            var (ok, values) = await l2.ReadManyAsync(toFetch.Select(i => (RedisKey)fullKeys[i]).ToArray(), cancellationToken);
            for (var j = 0; j < toFetch.Count; j++)
            {
                var i = toFetch[j];
                if (!ok || values is null)
                {
                    // Nothing can be stamped reliably now: load it like the rest, store nothing.
                    stamps[i] = null;
                    results[i] = new CacheResult<T>(default, CacheOutcome.Unavailable, null);
                }
                else
                {
                    results[i] = FromRedis<T>(fullKeys[i], values[j], stamps[i]!, policy);
                }
            }
        }

        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (!results[i].HasValue)
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            // Loads are shared by the whole batch, so the caller's cancellation must not leave half of it stored.
            metrics.Load(policy.Name);
            var loaded = await loadMissing(missing, CancellationToken.None);
            var writes = new List<(string, byte[], TimeSpan)>(missing.Count);
            for (var j = 0; j < missing.Count; j++)
            {
                var i = missing[j];
                var value = j < loaded.Count ? loaded[j] : default;
                CachedPayload? payload = null;
                if (value is not null && stamps[i] is { } stamp)
                {
                    (payload, var entry) = codec.Encode(value, stamp);
                    if (policy.UseL1)
                    {
                        l1.Set(fullKeys[i], new L1Entry(value, payload, stamp), policy.Duration);
                    }

                    writes.Add((fullKeys[i], entry, policy.Duration));
                }

                results[i] = new CacheResult<T>(value, results[i].Outcome == CacheOutcome.Miss ? CacheOutcome.Miss : results[i].Outcome, payload);
            }

            await l2.WriteManyAsync(writes, CancellationToken.None);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        for (var i = 0; i < keys.Count; i++)
        {
            metrics.Lookup(keys[i], results[i].Outcome, elapsed);
        }

        return results;
    }

    /// <summary>The batch while Redis cannot be used: L1 under the outage epoch's stamps, one load for the rest, stored in L1 only (see <see cref="LoadWithoutRedisAsync{T}"/>).</summary>
    private async ValueTask<IReadOnlyList<CacheResult<T>>> GetOrCreateManyWithoutRedisAsync<T>(
        IReadOnlyList<CacheKey> keys,
        CachePolicy policy,
        Func<int, IReadOnlyList<string>> tags,
        Func<IReadOnlyList<int>, CancellationToken, ValueTask<IReadOnlyList<T?>>> loadMissing,
        OutageView view,
        long started)
    {
        var results = new CacheResult<T>[keys.Count];
        var outageKeys = new string[keys.Count];
        var stamps = new long[keys.Count][];
        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            outageKeys[i] = view.Key(keys[i].Render(_prefix));
            stamps[i] = view.Stamps(tags(i));
            if (outage.Entries.TryGet(outageKeys[i], stamps[i], out var entry))
            {
                results[i] = new CacheResult<T>((T?)entry.Value, CacheOutcome.HitL1, entry.Payload);
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            metrics.Load(policy.Name);
            var loaded = await loadMissing(missing, CancellationToken.None);
            for (var j = 0; j < missing.Count; j++)
            {
                var i = missing[j];
                var value = j < loaded.Count ? loaded[j] : default;
                if (value is not null)
                {
                    StoreDuringOutage(outageKeys[i], value, stamps[i], policy);
                }

                results[i] = new CacheResult<T>(value, CacheOutcome.Unavailable, null);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        for (var i = 0; i < keys.Count; i++)
        {
            metrics.Lookup(keys[i], results[i].Outcome, elapsed);
        }

        return results;
    }

    /// <summary>Reads many entries: L1 first, then one round trip per Redis hash slot for the rest; results in the order of <paramref name="keys"/>.</summary>
    public async ValueTask<IReadOnlyList<CacheResult<T>>> GetManyAsync<T>(IReadOnlyList<CacheKey> keys, Func<CacheKey, CacheEntryOptions> options, CancellationToken cancellationToken)
    {
        var results = new CacheResult<T>[keys.Count];
        if (keys.Count == 0)
        {
            return results;
        }

        var started = Stopwatch.GetTimestamp();
        var stamps = new long[]?[keys.Count];
        var toFetch = new List<int>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var entryOptions = options(keys[i]);
            if (!entryOptions.Policy.Enabled)
            {
                results[i] = new CacheResult<T>(default, CacheOutcome.Bypass, null);
                continue;
            }

            stamps[i] = CanUseCache ? await generations.GetAsync(entryOptions.Tags, cancellationToken) : null;
            if (stamps[i] is null)
            {
                results[i] = new CacheResult<T>(default, CacheOutcome.Unavailable, null);
            }
            else if (entryOptions.Policy.UseL1 && l1.TryGet(keys[i].Render(_prefix), stamps[i], out var entry))
            {
                results[i] = new CacheResult<T>((T?)entry.Value, CacheOutcome.HitL1, entry.Payload);
            }
            else
            {
                toFetch.Add(i);
            }
        }

        if (toFetch.Count > 0)
        {
            var redisKeys = toFetch.Select(i => (RedisKey)keys[i].Render(_prefix)).ToArray();
            var (ok, values) = await l2.ReadManyAsync(redisKeys, cancellationToken);
            for (var j = 0; j < toFetch.Count; j++)
            {
                var i = toFetch[j];
                results[i] = !ok || values is null
                    ? new CacheResult<T>(default, CacheOutcome.Unavailable, null)
                    : FromRedis<T>(redisKeys[j]!, values[j], stamps[i]!, options(keys[i]).Policy);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        for (var i = 0; i < keys.Count; i++)
        {
            metrics.Lookup(keys[i], results[i].Outcome, elapsed);
        }

        return results;
    }

    /// <summary>Stores many values the caller holds in one pipelined batch (same caveat as <see cref="SetAsync{T}"/>).</summary>
    public async ValueTask SetManyAsync<T>(IReadOnlyList<KeyValuePair<CacheKey, T>> items, Func<CacheKey, CacheEntryOptions> options, CancellationToken cancellationToken)
    {
        if (!CanUseCache || items.Count == 0)
        {
            return;
        }

        var writes = new List<(string, byte[], TimeSpan)>(items.Count);
        foreach (var (key, value) in items)
        {
            var entryOptions = options(key);
            if (!entryOptions.Policy.Enabled || value is null)
            {
                continue;
            }

            var stamps = await generations.GetAsync(entryOptions.Tags, cancellationToken);
            if (stamps is null)
            {
                return;
            }

            var fullKey = key.Render(_prefix);
            var (payload, entry) = codec.Encode(value, stamps);
            if (entryOptions.Policy.UseL1)
            {
                l1.Set(fullKey, new L1Entry(value, payload, stamps), entryOptions.Policy.Duration);
            }

            writes.Add((fullKey, entry, entryOptions.Policy.Duration));
        }

        await l2.WriteManyAsync(writes, cancellationToken);
    }
}
