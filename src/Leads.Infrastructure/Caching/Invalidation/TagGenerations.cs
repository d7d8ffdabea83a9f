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
/// Local values only grow (max-merge), so a late answer can never move a tag back. They are trusted for at most
/// <see cref="L1Options.MaxDuration"/> and then read from Redis again: an instance that missed an invalidation
/// message (a publish that failed after the INCR, a message lost on a connection that never dropped) would
/// otherwise keep stamping and serving entries of the old generation, from Redis as well as from L1, until
/// they expire.
/// </summary>
public sealed class TagGenerations(RedisGuard redis, IOptions<CachingOptions> options)
{
    private const int MaxLocalTags = 200_000;
    private readonly ConcurrentDictionary<string, Known> _local = new(StringComparer.Ordinal);
    private readonly string _prefix = options.Value.KeyPrefix;
    private volatile bool _trustLocal = true;
    private readonly long _trustTicks = (long)(Math.Max(0, options.Value.L1.MaxDuration.TotalSeconds) * Stopwatch.Frequency);

    public RedisKey TagKey(string tag) => _prefix + ":tag:" + tag;

    /// <summary>
    /// False while the invalidation subscription is down: remembered generations may be outdated, so every
    /// lookup asks Redis (one MGET) until the subscription is back (see <see cref="InvalidationListener"/>).
    /// </summary>
    public bool TrustsLocal => _trustLocal;

    /// <summary>Stops using remembered generations until <see cref="Trust"/>.</summary>
    public void Distrust() => _trustLocal = false;

    /// <summary>Uses remembered generations again (call after <see cref="Forget"/>, so nothing from before a gap is reused).</summary>
    public void Trust() => _trustLocal = true;

    /// <summary>The current generations of <paramref name="tags"/>, or null when Redis cannot be asked.</summary>
    public async ValueTask<long[]?> GetAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var stamps = new long[tags.Count];
        var now = Stopwatch.GetTimestamp();
        List<int>? missing = null;
        for (var i = 0; i < tags.Count; i++)
        {
            if (_trustLocal && _local.TryGetValue(tags[i], out var known) && now - known.LearnedAt < _trustTicks)
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

        var keys = missing.Select(i => TagKey(tags[i])).ToArray();
        var (ok, values) = await redis.TryAsync(keys, static (db, k) => RedisBatch.GetManyAsync(db, k), cancellationToken);
        if (!ok || values is null)
        {
            return null;
        }

        if (_local.Count > MaxLocalTags)
        {
            _local.Clear();
        }

        for (var j = 0; j < missing.Count; j++)
        {
            var index = missing[j];
            var generation = values[j].IsNull ? 0L : (long)values[j];
            stamps[index] = Observe(tags[index], generation);
        }

        return stamps;
    }

    /// <summary>Bumps the tags in Redis and locally; returns the new generations, or null when Redis could not be reached.</summary>
    public async ValueTask<IReadOnlyList<KeyValuePair<string, long>>?> IncrementAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        var list = tags.ToArray();
        var (ok, values) = await redis.TryAsync(
            list,
            (db, t) =>
            {
                var batch = db.CreateBatch();
                var increments = t.Select(tag => batch.StringIncrementAsync(TagKey(tag))).ToArray();
                batch.Execute();
                return Task.WhenAll(increments);
            },
            cancellationToken);
        if (!ok || values is null)
        {
            return null;
        }

        var result = new KeyValuePair<string, long>[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            Observe(list[i], values[i]);
            result[i] = new KeyValuePair<string, long>(list[i], values[i]);
        }

        return result;
    }

    /// <summary>Records a generation learned from Redis or from another instance; returns the value now known locally.</summary>
    public long Observe(string tag, long generation) =>
        _local.AddOrUpdate(
            tag,
            static (_, seen) => new Known(seen, Stopwatch.GetTimestamp()),
            static (_, current, seen) => new Known(Math.Max(current.Generation, seen), Stopwatch.GetTimestamp()),
            generation).Generation;

    /// <summary>Forgets every local value (after a reconnect: messages may have been missed).</summary>
    public void Forget() => _local.Clear();

    private readonly record struct Known(long Generation, long LearnedAt);
}
