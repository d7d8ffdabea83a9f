namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>Redis memory at <paramref name="SampledAt"/>; <paramref name="EvictedKeys"/> counts evictions since Redis started.</summary>
public sealed record RedisMemorySample(long UsedBytes, long MaxBytes, DateTimeOffset SampledAt, long EvictedKeys = 0);
