using System.Collections.Concurrent;
using System.Diagnostics;
using Leads.Infrastructure.Caching.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// Which instances a write must wait for (ADR 0004). Each instance announces itself in the sorted set
/// <c>{prefix}:instances</c>, scored with an expiry on the Redis clock, and renews it; an instance trusts its
/// remembered generations only while its entry is known to be current (<see cref="TagGenerations.Announced"/>),
/// so a writer that reads the set after publishing cannot miss an instance that still trusts them. Instances
/// heard on the channel recently are added, so a set lost to FLUSHALL or eviction does not hide them.
/// </summary>
public sealed class LiveInstances(RedisGuard redis, InvalidationChannel channel, TagGenerations generations, IOptions<CachingOptions> options)
{
    private const string AnnounceScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local ttl = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))
        redis.call('ZADD', KEYS[1], string.format('%.0f', now + ttl), ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ttl * 2)
        return 1
        """;

    private const string MembersScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. string.format('%.0f', now), '+inf')
        """;

    // The Redis clock counts whole milliseconds; trust ends a little before the entry does.
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMilliseconds(5);

    private readonly RedisKey _key = options.Value.KeyPrefix + ":instances";
    private readonly CoherenceOptions _coherence = options.Value.Coherence;
    private readonly ConcurrentDictionary<string, long> _heard = new(StringComparer.Ordinal);
    private readonly long _heardWindow = (long)(options.Value.Coherence.FenceAfter.TotalSeconds * 2 * Stopwatch.Frequency);

    /// <summary>Adds or renews this instance's entry; on success this instance may trust remembered generations until it lapses.</summary>
    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var sentAt = Stopwatch.GetTimestamp();
        var ttl = (long)_coherence.HeartbeatTtl.TotalMilliseconds;
        var (ok, _) = await redis.TryAsync(
            (Key: _key, Origin: channel.Origin, Ttl: ttl),
            static (db, s) => db.ScriptEvaluateAsync(AnnounceScript, [s.Key], [s.Origin, s.Ttl]),
            cancellationToken);
        if (ok)
        {
            generations.Announced(sentAt, _coherence.HeartbeatTtl - ClockMargin);
        }
    }

    /// <summary>Removes this instance's entry (graceful stop), so writes stop waiting for it at once.</summary>
    public Task LeaveAsync() =>
        redis.TryAsync((Key: _key, Origin: channel.Origin), static (db, s) => db.SortedSetRemoveAsync(s.Key, s.Origin), CancellationToken.None).AsTask();

    /// <summary>Notes that <paramref name="origin"/> spoke on the channel.</summary>
    public void Heard(string origin) => _heard[origin] = Stopwatch.GetTimestamp();

    /// <summary>Every other instance that may trust remembered generations now, or null when Redis cannot say.</summary>
    public async Task<IReadOnlyCollection<string>?> OthersAsync(CancellationToken cancellationToken)
    {
        var (ok, members) = await redis.TryAsync(_key, static (db, key) => db.ScriptEvaluateAsync(MembersScript, [key]), cancellationToken);
        if (!ok || members is null)
        {
            return null;
        }

        var others = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in (RedisResult[])members!)
        {
            others.Add((string)member!);
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var (origin, heardAt) in _heard)
        {
            if (now - heardAt < _heardWindow)
            {
                others.Add(origin);
            }
            else
            {
                _heard.TryRemove(new KeyValuePair<string, long>(origin, heardAt));
            }
        }

        others.Remove(channel.Origin);
        return others;
    }
}
