namespace Leads.Infrastructure.Caching.Monitoring;

/// <param name="EvictionPolicy">Redis's <c>maxmemory-policy</c> (empty when INFO did not report it).</param>
public sealed record RedisMemorySample(long UsedBytes, long MaxBytes, DateTimeOffset SampledAt, string EvictionPolicy = "")
{
    /// <summary>True when Redis, once full, may evict tag-generation counters (see <see cref="RedisEvictionPolicy"/>).</summary>
    public bool MayEvictTagGenerations => RedisEvictionPolicy.MayEvictKeysWithoutTtl(EvictionPolicy);
}
