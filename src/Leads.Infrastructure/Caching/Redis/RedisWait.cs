namespace Leads.Infrastructure.Caching.Redis;

/// <summary>How long a caller of <see cref="RedisGuard"/> waits for Redis.</summary>
public enum RedisWait
{
    /// <summary>Until the call's outcome is known or <see cref="RedisResilienceOptions.OperationTimeout"/> passed: for bumps and messages, whose failure must be recorded.</summary>
    ForOutcome,

    /// <summary>
    /// At most <see cref="RedisResilienceOptions.SoftTimeout"/>: the caller then goes on without Redis (the source of
    /// truth, nothing stored) while the call finishes in the background. For reads of entries and generations and for
    /// storing entries, whose outcome the caller can do without.
    /// </summary>
    Brief,
}
