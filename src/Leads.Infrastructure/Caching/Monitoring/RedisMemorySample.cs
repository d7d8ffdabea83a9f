namespace Leads.Infrastructure.Caching.Monitoring;

public sealed record RedisMemorySample(long UsedBytes, long MaxBytes, DateTimeOffset SampledAt);
