namespace Leads.Api.RateLimiting;

/// <summary>
/// At most <see cref="PermitLimit"/> requests in flight, <see cref="QueueLimit"/> more waiting; beyond that a request
/// is shed. The permit limit is small on purpose: a request is mostly CPU work with sub-millisecond Redis waits, so a
/// few dozen in flight keep two cores busy, and the rest wait their turn in the queue instead of competing for the
/// cores. Admitting thousands at once made every Redis call of every request wait behind all the others until calls
/// crossed the Redis timeout, the circuit opened and the cache stopped answering (docs/operations.md, "Limits").
/// </summary>
public sealed class ConcurrencyLimit
{
    public int PermitLimit { get; set; } = 64;

    public int QueueLimit { get; set; } = 5000;

    /// <summary>Retry-After of a shed request: an overload passes in moments, or needs more instances, not a long wait.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
