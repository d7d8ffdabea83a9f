namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>Redis memory at <paramref name="SampledAt"/>.</summary>
/// <param name="EvictedKeys">Evictions since Redis started.</param>
/// <param name="EvictionPolicy">Redis's <c>maxmemory-policy</c> (empty when INFO did not report it).</param>
public sealed record RedisMemorySample(long UsedBytes, long MaxBytes, DateTimeOffset SampledAt, long EvictedKeys = 0, string EvictionPolicy = "")
{
    /// <summary>True when Redis, once full, may evict keys without a TTL (see <see cref="RedisEvictionPolicy"/>).</summary>
    public bool MayEvictTagGenerations => RedisEvictionPolicy.MayEvictKeysWithoutTtl(EvictionPolicy);
}
