namespace Leads.Infrastructure.Persistence.Outbox;

/// <summary>Bound from <c>Caching:Outbox</c>: how the relay finds and applies invalidations left in the outbox.</summary>
public sealed class InvalidationOutboxOptions
{
    public const string SectionName = "Caching:Outbox";

    /// <summary>
    /// How often each instance looks for rows to relay (one query on a partial index that holds only the rows not
    /// applied yet, none while Redis is healthy) and checks whether its Redis primary changed. Together with <see cref="AbandonedAfter"/> and Redis's circuit breaker it bounds how long an
    /// invalidation can stay unapplied once Redis answers again (docs/caching.md).
    /// </summary>
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A row younger than this still belongs to the write that recorded it, which applies it and marks it applied
    /// right after its commit; relaying it too would only bump its tags twice. Far above a healthy Redis round trip.
    /// </summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a row is kept after its bump landed, so that every instance can apply it once more when the Redis
    /// primary it writes to changes (ADR 0005): a Sentinel failover costs about 11 s until the clients switch and
    /// about 17 s until the sentinels have settled (docs/deployment.md); the window must be longer than the time
    /// from a promotion until the last instance switched. The table holds about writes/s × (this + a quarter of
    /// it) applied rows. Reads while Redis is out see every committed change through these rows, so it may not be
    /// shorter than <see cref="Caching.Outage.OutageGenerations.MinimumRowLifetime"/> (8 s; checked at start-up).
    /// </summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Rows claimed (and bumped together) per transaction; a backlog is drained batch after batch.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// A row older than this is deleted without being applied: every cache entry it could make stale has expired
    /// by then (keep it above the longest policy duration; the default policies end at 60 minutes). This is what
    /// bounds the table while Redis stays unreachable: it holds at most the writes of this period.
    /// </summary>
    public TimeSpan DiscardAfter { get; set; } = TimeSpan.FromHours(24);
}
