using System.Collections.Concurrent;
using System.Diagnostics;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Caching.Tiers;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// Per-tag generation counters: the source of truth is a Redis counter per tag (<c>{prefix}:tag:{tag}</c>), and
/// each instance keeps the values it has seen. An entry is stamped with the generations of its tags read
/// <em>before</em> its loader ran; invalidating a tag is one INCR, and any entry stamped with an older
/// generation is a miss from then on. Because the stamp predates the load, a reader that loaded the old row
/// can never make it current again after a writer's bump (the stale-set race).
/// <para>
/// Remembered values are trusted only while all of these hold (otherwise a lookup asks Redis, one MGET):
/// the invalidation subscription is up; this instance's last confirmed round trip through the channel began
/// less than <see cref="CoherenceOptions.FenceAfter"/> ago and its entry in the live-instance set is current
/// (self-fencing, ADR 0004: a writer waits that long for instances that do not acknowledge); and the value was
/// learned less than <see cref="L1Options.MaxDuration"/> ago (bounds a message lost on a connection that never
/// dropped).
/// </para>
/// Generations never go backwards: local values only grow (max-merge), counters are created at a time-based
/// floor (<see cref="GenerationScripts"/>), so one that expired or was lost comes back higher, and one found
/// lower than remembered (a failover that lost INCRs) is raised and reported through <see cref="ResetDetected"/>.
/// </summary>
public sealed class TagGenerations(RedisGuard redis, IOptions<CachingOptions> options)
{
    private const int MaxLocalTags = 200_000;
    private const int SizeCheckEvery = 256;

    /// <summary>How long a counter lives from its creation: longer than any entry (policies go up to 1 h), see <see cref="GenerationScripts"/>.</summary>
    public static readonly TimeSpan CounterLifetime = TimeSpan.FromHours(2);

    private static readonly RedisValue CounterLifetimeMs = (long)CounterLifetime.TotalMilliseconds;
    private readonly ConcurrentDictionary<string, Known> _local = new(StringComparer.Ordinal);
    private readonly string _prefix = options.Value.KeyPrefix;
    private readonly long _trustTicks = Ticks(options.Value.L1.MaxDuration);
    private readonly bool _fencing = options.Value.Coherence.Enabled;
    private readonly long _fenceTicks = Ticks(options.Value.Coherence.FenceAfter);
    private volatile bool _trustLocal = true;
    private long _syncedAt;
    private long _announcedUntil;
    private long _epoch;
    private long _roundTrips;

    /// <summary>Raised when a counter was lower than this instance remembered (a failover that lost INCRs); the counter has been raised.</summary>
    public event Action? ResetDetected;

    public RedisKey TagKey(string tag) => _prefix + ":tag:" + tag;

    /// <summary>Whether a lookup now may use remembered generations (see the type's remarks).</summary>
    public bool TrustsLocal => TrustsLocalAt(Stopwatch.GetTimestamp());

    /// <summary>Stops using remembered generations until <see cref="Trust"/> (the subscription is down).</summary>
    public void Distrust() => _trustLocal = false;

    /// <summary>Uses remembered generations again (call after <see cref="Forget"/>, so nothing from before a gap is reused).</summary>
    public void Trust() => _trustLocal = true;

    /// <summary>A ping this instance sent at <paramref name="sentAt"/> came back: every message published before it has been applied.</summary>
    public void Synced(long sentAt) => Monotonic.RaiseTo(ref _syncedAt, sentAt);

    /// <summary>This instance's live-instance entry, renewed by a call sent at <paramref name="sentAt"/>, lasts at least <paramref name="ttl"/> from then.</summary>
    public void Announced(long sentAt, TimeSpan ttl) => Monotonic.RaiseTo(ref _announcedUntil, sentAt + Ticks(ttl));

    /// <summary>The current generations of <paramref name="tags"/>, or null when Redis cannot be asked.</summary>
    public async ValueTask<long[]?> GetAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var stamps = new long[tags.Count];
        var now = Stopwatch.GetTimestamp();
        var trusted = TrustsLocalAt(now);
        List<int>? missing = null;
        for (var i = 0; i < tags.Count; i++)
        {
            if (trusted && _local.TryGetValue(tags[i], out var known) && now - known.LearnedAt < _trustTicks)
            {
                stamps[i] = known.Generation;
            }
            else
            {
                (missing ??= []).Add(i);
            }
        }

        if (missing is null)
        {
            return stamps;
        }

        // Values read before a Forget (a subscription gap, a reset) must not be remembered after it.
        var epoch = Interlocked.Read(ref _epoch);
        var keys = missing.Select(i => TagKey(tags[i])).ToArray();
        var (ok, values) = await redis.TryAsync(keys, static (db, k) => RedisBatch.GetManyAsync(db, k), cancellationToken, RedisWait.Brief);
        if (!ok || values is null)
        {
            return null;
        }

        var generations = new long[missing.Count];
        var remembered = new long[missing.Count];
        List<int>? repair = null;
        for (var j = 0; j < missing.Count; j++)
        {
            remembered[j] = _local.TryGetValue(tags[missing[j]], out var known) ? known.Generation : 0;
            if (values[j].IsNull || (long)values[j] < remembered[j])
            {
                (repair ??= []).Add(j);
            }
            else
            {
                generations[j] = (long)values[j];
            }
        }

        if (repair is not null && !await RepairAsync(keys, values, remembered, repair, generations, cancellationToken))
        {
            return null;
        }

        // ConcurrentDictionary.Count takes every lock of the dictionary, so the bound is checked on one round trip
        // in SizeCheckEvery (the map can overshoot by at most that many lookups' tags).
        if ((Interlocked.Increment(ref _roundTrips) & (SizeCheckEvery - 1)) == 0 && _local.Count > MaxLocalTags)
        {
            _local.Clear();
        }

        var remember = Interlocked.Read(ref _epoch) == epoch;
        for (var j = 0; j < missing.Count; j++)
        {
            stamps[missing[j]] = remember ? Observe(tags[missing[j]], generations[j]) : generations[j];
        }

        return stamps;
    }

    /// <summary>Bumps the tags in Redis and locally; returns the new generations, or null when Redis could not be reached.</summary>
    public async ValueTask<IReadOnlyList<KeyValuePair<string, long>>?> IncrementAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        var keys = tags.Select(TagKey).ToArray();
        var (ok, values) = await redis.TryAsync(keys, static (db, k) => IncrementManyAsync(db, k), cancellationToken);
        if (!ok || values is null)
        {
            return null;
        }

        var list = tags.ToArray();
        var result = new KeyValuePair<string, long>[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            var generation = (long)values[i];
            Observe(list[i], generation);
            result[i] = new KeyValuePair<string, long>(list[i], generation);
        }

        return result;
    }

    // One script call for all keys on a single server; one per hash slot on Redis Cluster, sent together.
    private static async Task<long[]> IncrementManyAsync(IDatabase db, RedisKey[] keys)
    {
        if (!RedisBatch.IsCluster(db.Multiplexer))
        {
            return (long[])(await db.ScriptEvaluateAsync(GenerationScripts.IncrementMany, keys, [CounterLifetimeMs]))!;
        }

        var results = new long[keys.Length];
        var groups = keys.Select((key, index) => (key, index)).GroupBy(k => db.Multiplexer.HashSlot(k.key)).ToArray();
        var batch = db.CreateBatch();
        var calls = groups.Select(g => (Members: g.ToArray(), Call: batch.ScriptEvaluateAsync(GenerationScripts.IncrementMany, g.Select(m => m.key).ToArray(), [CounterLifetimeMs]))).ToArray();
        batch.Execute();
        foreach (var (members, call) in calls)
        {
            var values = (long[])(await call)!;
            for (var i = 0; i < members.Length; i++)
            {
                results[members[i].index] = values[i];
            }
        }

        return results;
    }

    /// <summary>Records a generation learned from Redis or from another instance; returns the value now known locally.</summary>
    public long Observe(string tag, long generation) =>
        _local.AddOrUpdate(
            tag,
            static (_, seen) => new Known(seen, Stopwatch.GetTimestamp()),
            static (_, current, seen) => new Known(Math.Max(current.Generation, seen), Stopwatch.GetTimestamp()),
            generation).Generation;

    /// <summary>Forgets every local value, and trusts none again before the next round trip through the channel (after a reconnect or a reset).</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _epoch);
        Interlocked.Exchange(ref _syncedAt, 0);
        _local.Clear();
    }

    private bool TrustsLocalAt(long now) =>
        _trustLocal && (!_fencing || (now - Volatile.Read(ref _syncedAt) < _fenceTicks && now < Volatile.Read(ref _announcedUntil)));

    /// <summary>Creates missing counters at the floor and raises ones lower than remembered; false when Redis cannot be asked.
    /// A missing counter is routine (it expired, or Redis lost it): its new floor is above anything remembered.</summary>
    private async ValueTask<bool> RepairAsync(RedisKey[] keys, RedisValue[] values, long[] remembered, List<int> repair, long[] generations, CancellationToken cancellationToken)
    {
        var (ok, repaired) = await redis.TryAsync(
            repair.Select(j => (Key: keys[j], Known: remembered[j])).ToArray(),
            static (db, items) =>
            {
                var batch = db.CreateBatch();
                var scripts = items.Select(item => batch.ScriptEvaluateAsync(GenerationScripts.Repair, [item.Key], [CounterLifetimeMs, item.Known])).ToArray();
                batch.Execute();
                return Task.WhenAll(scripts);
            },
            cancellationToken,
            RedisWait.Brief);
        if (!ok || repaired is null)
        {
            return false;
        }

        for (var r = 0; r < repair.Count; r++)
        {
            generations[repair[r]] = (long)repaired[r];
        }

        if (repair.Exists(j => !values[j].IsNull && remembered[j] > 0))
        {
            ResetDetected?.Invoke();
        }

        return true;
    }

    private static long Ticks(TimeSpan span) => (long)(Math.Max(0, span.TotalSeconds) * Stopwatch.Frequency);

    private readonly record struct Known(long Generation, long LearnedAt);
}
