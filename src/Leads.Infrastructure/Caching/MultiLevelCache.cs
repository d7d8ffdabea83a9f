using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Leads.Application.Caching;
using Leads.Application.Common.Serialization;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Caching.Serialization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching;

/// <summary>
/// The cache engine: an in-process L1 in front of Redis (L2), with tag-generation stamps for exact
/// invalidation, single-flight plus a Redis lease against stampedes, and a fallback to the loader whenever
/// Redis is slow or down. See docs/caching.md.
/// </summary>
public sealed class MultiLevelCache(
    RedisGuard redis,
    TagGenerations generations,
    L1Cache l1,
    CacheInvalidationBus bus,
    CacheMetrics metrics,
    IOptions<CachingOptions> options,
    TimeProvider time) : ICacheStore
{
    private readonly ConcurrentDictionary<string, Task> _flights = new(StringComparer.Ordinal);
    private readonly CachingOptions _options = options.Value;
    private readonly string _prefix = options.Value.KeyPrefix;

    public async ValueTask<CacheResult<T>> GetOrCreateAsync<T>(CacheKey key, CacheEntryOptions options, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var policy = options.Policy;
        if (!policy.Enabled)
        {
            return Record(key, await LoadWithoutCache(factory, policy, cancellationToken), CacheOutcome.Bypass, started);
        }

        var fullKey = key.Render(_prefix);
        var stamps = CanUseCache ? await generations.GetAsync(options.Tags, cancellationToken) : null;
        if (stamps is null)
        {
            return Record(key, await LoadUncachedOnceAsync(fullKey, factory, cancellationToken), started);
        }

        var found = await LookupAsync<T>(fullKey, stamps, policy, cancellationToken);
        if (found.HasValue)
        {
            return Record(key, found, started);
        }

        if (found.Outcome == CacheOutcome.Unavailable)
        {
            return Record(key, await LoadUncachedOnceAsync(fullKey, factory, cancellationToken), started);
        }

        // The flight key carries the stamps: a request that saw a newer generation must not join a load that
        // may have read the data before the change.
        var flightKey = string.Concat(fullKey, "|", string.Join(',', stamps));
        var (loaded, joined) = await SingleFlightAsync(flightKey, () => LoadAndStoreAsync(fullKey, stamps, options, factory), cancellationToken);
        return Record(key, joined ? loaded with { Outcome = CacheOutcome.Miss } : loaded, started);
    }

    public async ValueTask<CacheResult<T>> GetAsync<T>(CacheKey key, CacheEntryOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!options.Policy.Enabled)
        {
            return Record(key, new CacheResult<T>(default, CacheOutcome.Bypass, null), started);
        }

        var stamps = CanUseCache ? await generations.GetAsync(options.Tags, cancellationToken) : null;
        if (stamps is null)
        {
            return Record(key, new CacheResult<T>(default, CacheOutcome.Unavailable, null), started);
        }

        return Record(key, await LookupAsync<T>(key.Render(_prefix), stamps, options.Policy, cancellationToken), started);
    }

    public async ValueTask SetAsync<T>(CacheKey key, T value, CacheEntryOptions options, CancellationToken cancellationToken)
    {
        if (!options.Policy.Enabled || !CanUseCache)
        {
            return;
        }

        // Stamps read now may be newer than the data the caller holds; callers that load before setting should
        // use GetOrCreateAsync, which reads the stamps before loading.
        var stamps = await generations.GetAsync(options.Tags, cancellationToken);
        if (stamps is not null)
        {
            await StoreAsync(key.Render(_prefix), value, stamps, options.Policy, cancellationToken);
        }
    }

    public async ValueTask<IReadOnlyList<CacheResult<T>>> GetManyAsync<T>(IReadOnlyList<CacheKey> keys, Func<CacheKey, CacheEntryOptions> options, CancellationToken cancellationToken)
    {
        var results = new CacheResult<T>[keys.Count];
        if (keys.Count == 0)
        {
            return results;
        }

        var started = Stopwatch.GetTimestamp();
        var stamps = new long[]?[keys.Count];
        var policies = new CachePolicy[keys.Count];
        var toFetch = new List<int>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var entryOptions = options(keys[i]);
            policies[i] = entryOptions.Policy;
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
            var (ok, values) = await redis.TryAsync(redisKeys, static (db, k) => RedisBatch.GetManyAsync(db, k), cancellationToken);
            for (var j = 0; j < toFetch.Count; j++)
            {
                var i = toFetch[j];
                results[i] = !ok || values is null
                    ? new CacheResult<T>(default, CacheOutcome.Unavailable, null)
                    : Decode<T>(redisKeys[j]!, values[j], stamps[i]!, policies[i]);
            }
        }

        for (var i = 0; i < keys.Count; i++)
        {
            metrics.Lookup(keys[i], results[i].Outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return results;
    }

    public async ValueTask SetManyAsync<T>(IReadOnlyList<KeyValuePair<CacheKey, T>> items, Func<CacheKey, CacheEntryOptions> options, CancellationToken cancellationToken)
    {
        if (!CanUseCache || items.Count == 0)
        {
            return;
        }

        var writes = new List<KeyValuePair<RedisKey, (RedisValue Value, TimeSpan Ttl)>>(items.Count);
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
            var (payload, encoded) = Encode(value, stamps);
            if (entryOptions.Policy.UseL1)
            {
                l1.Set(fullKey, new L1Entry(value, payload, stamps), entryOptions.Policy.Duration);
            }

            writes.Add(new(fullKey, (encoded, entryOptions.Policy.Duration)));
        }

        await redis.TryAsync(
            writes,
            static (db, w) =>
            {
                var batch = db.CreateBatch();
                var tasks = w.Select(x => batch.StringSetAsync(x.Key, x.Value.Value, x.Value.Ttl)).ToArray();
                batch.Execute();
                return Task.WhenAll(tasks);
            },
            cancellationToken);
    }

    public async ValueTask<bool> RemoveAsync(CacheKey key, CancellationToken cancellationToken)
    {
        var fullKey = key.Render(_prefix);
        l1.Remove(fullKey);
        var (ok, removed) = await redis.TryAsync((RedisKey)fullKey, static (db, k) => db.KeyDeleteAsync(k), cancellationToken);
        await bus.PublishKeyRemovedAsync(fullKey);
        return ok && removed;
    }

    public ValueTask InvalidateTagsAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken) =>
        bus.InvalidateAsync(tags, cancellationToken);

    public async ValueTask<long> RemoveByPatternAsync(CacheLevel? level, string pattern, CancellationToken cancellationToken)
    {
        var levels = level is { } only ? [only] : new[] { CacheLevel.Api, CacheLevel.Db };
        long removed = 0;
        foreach (var current in levels)
        {
            var glob = string.Concat(EscapeGlob(_prefix), ":", CacheKey.LevelName(current), ":", EscapeGlob(pattern, keepStar: true));
            removed += await RemoveMatchingAsync(glob, cancellationToken);
        }

        l1.Clear();
        await bus.PublishClearAsync();
        return removed;
    }

    /// <summary>Escapes Redis glob characters; with <paramref name="keepStar"/>, '*' stays a wildcard.</summary>
    public static string EscapeGlob(string text, bool keepStar = false)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '?' or '[' or ']' or '\\' || (c == '*' && !keepStar))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private bool CanUseCache => redis.IsAvailable && !bus.HasPending;

    private async Task<long> RemoveMatchingAsync(string glob, CancellationToken cancellationToken)
    {
        if (!redis.IsAvailable)
        {
            throw new InvalidOperationException("Redis is not reachable; nothing was removed.");
        }

        long removed = 0;
        var multiplexer = redis.Multiplexer;
        foreach (var endPoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endPoint);
            if (!server.IsConnected || server.IsReplica)
            {
                continue;
            }

            var batch = new List<RedisKey>(500);
            await foreach (var key in server.KeysAsync(pattern: glob, pageSize: 500).WithCancellation(cancellationToken))
            {
                batch.Add(key);
                if (batch.Count == 500)
                {
                    removed += await UnlinkAsync(batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                removed += await UnlinkAsync(batch);
            }
        }

        return removed;
    }

    private async Task<long> UnlinkAsync(List<RedisKey> keys)
    {
        // One UNLINK per key keeps it valid on Redis Cluster, where keys of one batch may live in different slots.
        var database = redis.Database;
        var batch = database.CreateBatch();
        var tasks = keys.Select(k => batch.KeyDeleteAsync(k)).ToArray();
        batch.Execute();
        var results = await Task.WhenAll(tasks);
        return results.Count(r => r);
    }

    private async ValueTask<CacheResult<T>> LookupAsync<T>(string fullKey, long[] stamps, CachePolicy policy, CancellationToken cancellationToken)
    {
        if (policy.UseL1 && l1.TryGet(fullKey, stamps, out var entry))
        {
            return new CacheResult<T>((T?)entry.Value, CacheOutcome.HitL1, entry.Payload);
        }

        var (ok, value) = await redis.TryAsync((RedisKey)fullKey, static (db, k) => db.StringGetAsync(k), cancellationToken);
        return ok ? Decode<T>(fullKey, value, stamps, policy) : new CacheResult<T>(default, CacheOutcome.Unavailable, null);
    }

    private CacheResult<T> Decode<T>(string fullKey, RedisValue value, long[] stamps, CachePolicy policy)
    {
        if (value.IsNull || !CacheEntryFormat.TryDecode((byte[])value!, out var decoded) || !decoded.Stamps.AsSpan().SequenceEqual(stamps))
        {
            return new CacheResult<T>(default, CacheOutcome.Miss, null);
        }

        T? result;
        try
        {
            result = JsonSerializer.Deserialize(decoded.Json, LeadsJson.TypeInfo<T>());
        }
        catch (JsonException)
        {
            // The stored shape no longer fits the type (a deploy changed it): treat it as a miss.
            return new CacheResult<T>(default, CacheOutcome.Miss, null);
        }

        var payload = new CachedPayload(decoded.Json, decoded.Hash, decoded.StoredAt);
        if (policy.UseL1)
        {
            l1.Set(fullKey, new L1Entry(result, payload, stamps), policy.Duration);
        }

        return new CacheResult<T>(result, CacheOutcome.HitL2, payload);
    }

    /// <summary>
    /// Redis cannot be used, so nothing is stored; callers of one key arriving together still share one load,
    /// because that is when the source of truth carries the whole traffic.
    /// </summary>
    private async Task<CacheResult<T>> LoadUncachedOnceAsync<T>(string fullKey, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken)
    {
        var (result, _) = await SingleFlightAsync(
            string.Concat(fullKey, "|uncached|", bus.Issued.ToString(CultureInfo.InvariantCulture)),
            async () => new CacheResult<T>(await factory(CancellationToken.None), CacheOutcome.Unavailable, null),
            cancellationToken);
        return result;
    }

    /// <summary>Runs <paramref name="load"/> unless a load of <paramref name="flightKey"/> is already running, whose result (or exception) is then shared.</summary>
    private async Task<(CacheResult<T> Result, bool Joined)> SingleFlightAsync<T>(string flightKey, Func<Task<CacheResult<T>>> load, CancellationToken cancellationToken)
    {
        var flight = new TaskCompletionSource<CacheResult<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var existing = _flights.GetOrAdd(flightKey, flight.Task);
        if (!ReferenceEquals(existing, flight.Task))
        {
            return (await ((Task<CacheResult<T>>)existing).WaitAsync(cancellationToken), true);
        }

        try
        {
            // Loads are shared by every waiting request, so none of their cancellations may abort it.
            var loaded = await load();
            flight.SetResult(loaded);
            return (loaded, false);
        }
        catch (Exception ex)
        {
            flight.SetException(ex);
            _ = flight.Task.Exception;
            throw;
        }
        finally
        {
            _flights.TryRemove(new KeyValuePair<string, Task>(flightKey, flight.Task));
        }
    }

    private async Task<CacheResult<T>> LoadAndStoreAsync<T>(string fullKey, long[] stamps, CacheEntryOptions options, Func<CancellationToken, ValueTask<T>> factory)
    {
        var policy = options.Policy;

        // Double-check: a load of this key may have finished (stored, and left the flight table) between this
        // request's lookup and its taking the flight; loading again would be a second query for the same answer.
        var stored = await LookupAsync<T>(fullKey, stamps, policy, CancellationToken.None);
        if (stored.HasValue)
        {
            return stored;
        }
        var leaseKey = (RedisKey)(fullKey + ":lease");
        var leaseToken = (RedisValue)Guid.NewGuid().ToString("N");
        var stampede = _options.Stampede;
        var (ok, leased) = await redis.TryAsync(
            (leaseKey, leaseToken, stampede.LeaseDuration),
            static (db, s) => db.LockTakeAsync(s.leaseKey, s.leaseToken, s.LeaseDuration),
            CancellationToken.None);

        if (ok && !leased)
        {
            // Another instance is loading this entry: wait briefly for it rather than hit the database too.
            var deadline = Stopwatch.GetTimestamp() + (long)(stampede.LeaseWait.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(stampede.LeasePollInterval);
                var found = await LookupAsync<T>(fullKey, stamps, policy, CancellationToken.None);
                if (found.HasValue || found.Outcome == CacheOutcome.Unavailable)
                {
                    if (found.HasValue)
                    {
                        return found;
                    }

                    break;
                }
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
            if (ok && leased)
            {
                _ = redis.TryAsync((leaseKey, leaseToken), static (db, s) => db.LockReleaseAsync(s.leaseKey, s.leaseToken), CancellationToken.None).AsTask();
            }
        }
    }

    private async Task<CachedPayload> StoreAsync<T>(string fullKey, T value, long[] stamps, CachePolicy policy, CancellationToken cancellationToken)
    {
        var (payload, encoded) = Encode(value, stamps);
        if (policy.UseL1)
        {
            l1.Set(fullKey, new L1Entry(value, payload, stamps), policy.Duration);
        }

        await redis.TryAsync((Key: (RedisKey)fullKey, Value: (RedisValue)encoded, policy.Duration), static (db, s) => db.StringSetAsync(s.Key, s.Value, s.Duration), cancellationToken);
        return payload;
    }

    private (CachedPayload Payload, byte[] Encoded) Encode<T>(T value, long[] stamps)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, LeadsJson.TypeInfo<T>());
        var hash = CachedPayload.HashOf(json);
        var now = time.GetUtcNow();
        var encoded = CacheEntryFormat.Encode(json, hash, stamps, now, _options.CompressionThresholdBytes);
        return (new CachedPayload(json, hash, now), encoded);
    }

    private static async ValueTask<CacheResult<T>> LoadWithoutCache<T>(Func<CancellationToken, ValueTask<T>> factory, CachePolicy policy, CancellationToken cancellationToken)
    {
        _ = policy;
        return new CacheResult<T>(await factory(cancellationToken), CacheOutcome.Bypass, null);
    }

    private CacheResult<T> Record<T>(CacheKey key, CacheResult<T> result, CacheOutcome outcome, long started) =>
        Record(key, result with { Outcome = outcome }, started);

    private CacheResult<T> Record<T>(CacheKey key, CacheResult<T> result, long started)
    {
        metrics.Lookup(key, result.Outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }
}
