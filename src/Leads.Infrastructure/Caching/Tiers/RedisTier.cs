using Leads.Infrastructure.Caching.Redis;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Tiers;

/// <summary>
/// The Redis tier (L2): every read, write, batch and scan the engine makes on entries, each behind
/// <see cref="RedisGuard"/> (timeout + circuit breaker), so a slow or absent Redis turns into "not reachable"
/// (<c>Ok = false</c>) and never into an exception or a long wait.
/// </summary>
public sealed class RedisTier(RedisGuard redis)
{
    private const int ScanPageSize = 500;

    public bool IsAvailable => redis.IsAvailable;

    public ValueTask<(bool Ok, RedisValue Value)> ReadAsync(string fullKey, CancellationToken cancellationToken) =>
        redis.TryAsync((RedisKey)fullKey, static (db, k) => db.StringGetAsync(k), cancellationToken, RedisWait.Brief);

    /// <summary>One MGET (one per hash slot on a cluster); the values are in the order of <paramref name="keys"/>.</summary>
    public ValueTask<(bool Ok, RedisValue[]? Values)> ReadManyAsync(RedisKey[] keys, CancellationToken cancellationToken) =>
        redis.TryAsync(keys, static (db, k) => RedisBatch.GetManyAsync(db, k), cancellationToken, RedisWait.Brief);

    public async ValueTask WriteAsync(string fullKey, byte[] entry, TimeSpan ttl, CancellationToken cancellationToken) =>
        await redis.TryAsync((Key: (RedisKey)fullKey, Value: (RedisValue)entry, Ttl: ttl), static (db, s) => db.StringSetAsync(s.Key, s.Value, s.Ttl), cancellationToken, RedisWait.Brief);

    /// <summary>Writes every entry in one pipelined batch (one SET each, so keys of different slots are fine on a cluster).</summary>
    public async ValueTask WriteManyAsync(IReadOnlyList<(string Key, byte[] Entry, TimeSpan Ttl)> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await redis.TryAsync(
            entries,
            static (db, w) =>
            {
                var batch = db.CreateBatch();
                var tasks = new Task<bool>[w.Count];
                for (var i = 0; i < w.Count; i++)
                {
                    tasks[i] = batch.StringSetAsync(w[i].Key, w[i].Entry, w[i].Ttl);
                }

                batch.Execute();
                return Task.WhenAll(tasks);
            },
            cancellationToken,
            RedisWait.Brief);
    }

    public async ValueTask<bool> DeleteAsync(string fullKey, CancellationToken cancellationToken)
    {
        var (ok, removed) = await redis.TryAsync((RedisKey)fullKey, static (db, k) => db.KeyDeleteAsync(k), cancellationToken);
        return ok && removed;
    }

    /// <summary>
    /// Unlinks every key matching <paramref name="glob"/> on every primary (SCAN pages of 500, each page and each
    /// UNLINK batch under the guard). Throws when Redis cannot be reached, so an operator never reads "0 removed"
    /// for "nothing was tried".
    /// </summary>
    public async Task<long> RemoveMatchingAsync(string glob, CancellationToken cancellationToken)
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

            var cursor = "0";
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (ok, page) = await redis.TryAsync(
                    (Server: server, Cursor: cursor, Glob: glob),
                    static (_, s) => s.Server.ExecuteAsync("SCAN", s.Cursor, "MATCH", s.Glob, "COUNT", ScanPageSize),
                    cancellationToken);
                if (!ok || page is null)
                {
                    throw new InvalidOperationException($"Redis stopped answering during the scan; {removed} keys were removed before that.");
                }

                var parts = (RedisResult[])page!;
                cursor = (string)parts[0]!;
                var keys = (RedisKey[])parts[1]!;
                removed += await UnlinkAsync(keys, cancellationToken);
            }
            while (cursor != "0");
        }

        return removed;
    }

    private async Task<long> UnlinkAsync(RedisKey[] keys, CancellationToken cancellationToken)
    {
        if (keys.Length == 0)
        {
            return 0;
        }

        // One UNLINK per key keeps it valid on Redis Cluster, where keys of one page may live in different slots.
        var (ok, results) = await redis.TryAsync(
            keys,
            static (db, k) =>
            {
                var batch = db.CreateBatch();
                var tasks = k.Select(key => batch.ExecuteAsync("UNLINK", key)).ToArray();
                batch.Execute();
                return Task.WhenAll(tasks);
            },
            cancellationToken);
        if (!ok || results is null)
        {
            throw new InvalidOperationException("Redis stopped answering while removing keys.");
        }

        return results.Count(r => (long)r > 0);
    }
}
