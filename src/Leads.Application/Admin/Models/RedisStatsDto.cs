namespace Leads.Application.Admin.Models;

/// <summary>Redis memory as last sampled; <paramref name="MaxMemoryBytes"/> is 0 when Redis has no limit.</summary>
public sealed record RedisStatsDto(bool Connected, long UsedMemoryBytes, long MaxMemoryBytes, DateTimeOffset? SampledAt);
