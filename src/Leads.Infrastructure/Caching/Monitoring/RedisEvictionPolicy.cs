namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// Which Redis <c>maxmemory-policy</c> values can evict the tag-generation counters. The counters are created by
/// INCR and never get a TTL: <c>volatile-*</c> policies evict only keys with a TTL (cache entries, leases) and
/// <c>noeviction</c> refuses writes instead, so both keep them. An <c>allkeys-*</c> policy may evict a counter
/// under memory pressure; the tag then reads as generation 0 again and entries stamped before the invalidations
/// that raised it could be served as current (docs/operations.md).
/// </summary>
public static class RedisEvictionPolicy
{
    public static bool MayEvictKeysWithoutTtl(string? policy) =>
        policy is not null && policy.StartsWith("allkeys-", StringComparison.OrdinalIgnoreCase);
}
