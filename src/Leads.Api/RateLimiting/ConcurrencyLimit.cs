namespace Leads.Api.RateLimiting;

/// <summary>At most <see cref="PermitLimit"/> requests in flight, <see cref="QueueLimit"/> more waiting; beyond that a request is shed.</summary>
public sealed class ConcurrencyLimit
{
    public int PermitLimit { get; set; } = 4000;

    public int QueueLimit { get; set; } = 200;

    /// <summary>Retry-After of a shed request: an overload passes in moments, or needs more instances, not a long wait.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
