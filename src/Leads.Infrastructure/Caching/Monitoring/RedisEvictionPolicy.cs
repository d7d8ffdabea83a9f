namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// Which Redis <c>maxmemory-policy</c> values can evict keys without a TTL (<c>allkeys-*</c>). Every key of the
/// cache has a TTL, and tag-generation counters come back above their time-based floor when evicted (ADR 0004),
/// so this no longer threatens the cache's correctness; the start-up check still reports it, because other data
/// kept in the same Redis would be evicted too (docs/operations.md).
/// </summary>
public static class RedisEvictionPolicy
{
    public static bool MayEvictKeysWithoutTtl(string? policy) =>
        policy is not null && policy.StartsWith("allkeys-", StringComparison.OrdinalIgnoreCase);
}
