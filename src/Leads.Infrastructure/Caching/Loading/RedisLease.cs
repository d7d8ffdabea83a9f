using System.Diagnostics;
using Leads.Infrastructure.Caching.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Loading;

/// <summary>
/// Cross-instance stampede protection: before loading a missing entry an instance takes a short Redis lease on
/// that version of its key (<c>{key}:lease:{stamps}</c>, same hash slot as the entry on a cluster); an instance that
/// finds the lease taken polls for the entry the holder is about to store instead of loading it too. The lease names
/// the tag generations the load was started under, as the in-process flight does: a load started before an
/// invalidation stores an entry that callers after it cannot use, so it must not make them wait (they would poll
/// for the whole lease wait for an entry that never comes, and then load anyway).
/// </summary>
public sealed class RedisLease(RedisGuard redis, IOptions<CachingOptions> options)
{
    // Deletes the lease only if it still holds this instance's token, in one command. StackExchange.Redis's
    // LockRelease does the same with WATCH, GET, MULTI, DEL and EXEC: five commands and two round trips for every
    // load, measured as a sixth of all Redis commands under the 5 % write mix (docs/benchmarks.md).
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('UNLINK', KEYS[1])
        end
        return 0
        """;

    private readonly StampedeOptions _options = options.Value.Stampede;

    /// <summary>
    /// Tries to take the lease on <paramref name="fullKey"/> at <paramref name="version"/> (its tag generations);
    /// <c>Reachable</c> is false when Redis could not be asked (then nobody holds it for us).
    /// </summary>
    public async ValueTask<Held> TakeAsync(string fullKey, string version)
    {
        var key = (RedisKey)string.Concat(fullKey, ":lease:", version);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var (ok, taken) = await redis.TryAsync(
            (key, token, _options.LeaseDuration),
            static (db, s) => db.LockTakeAsync(s.key, s.token, s.LeaseDuration),
            CancellationToken.None,
            RedisWait.Brief);
        return new Held(key, token, ok, ok && taken);
    }

    /// <summary>
    /// Polls <paramref name="lookup"/> while another instance holds the lease, up to the lease wait; returns the
    /// first value found, or <c>default</c> when the wait ran out or Redis stopped answering (then load it yourself).
    /// </summary>
    public async ValueTask<(bool Found, T? Value)> WaitForAsync<T>(Func<ValueTask<(bool Found, bool Reachable, T? Value)>> lookup)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.LeaseWait.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(_options.LeasePollInterval);
            var (found, reachable, value) = await lookup();
            if (found)
            {
                return (true, value);
            }

            if (!reachable)
            {
                break;
            }
        }

        return (false, default);
    }

    /// <summary>Releases a lease this instance holds (fire and forget: it expires by itself anyway).</summary>
    public void Release(Held lease)
    {
        if (lease.Taken)
        {
            _ = redis.TryAsync((lease.Key, lease.Token), static (db, s) => db.ScriptEvaluateAsync(ReleaseScript, [s.Key], [s.Token]), CancellationToken.None).AsTask();
        }
    }

    public readonly record struct Held(RedisKey Key, RedisValue Token, bool Reachable, bool Taken)
    {
        /// <summary>Another instance holds the lease and is loading the entry.</summary>
        public bool HeldElsewhere => Reachable && !Taken;
    }
}
