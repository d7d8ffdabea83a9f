namespace Leads.Infrastructure.Caching.Outage;

/// <summary>
/// The committed changes of every instance and the tags each one invalidates, read from the source of truth
/// (the Postgres outbox, <c>Persistence/Outbox/OutboxChangeFeed</c>), so that they can be seen without Redis.
/// </summary>
public interface ICommittedChanges
{
    /// <summary>
    /// A horizon now: every change not committed yet is at or above it. With <paramref name="since"/>, also the
    /// changes at or above that earlier horizon that are committed now (a change may be returned again by the next
    /// read, never missed by it). Throws when the source cannot be read.
    /// </summary>
    Task<CommittedChangesPage> ReadAsync(long? since, CancellationToken cancellationToken);
}

/// <summary>What <see cref="ICommittedChanges.ReadAsync"/> found: the new horizon and the committed changes since the old one.</summary>
public sealed record CommittedChangesPage(long Horizon, IReadOnlyList<CommittedChange> Changes);

/// <summary>One committed change: its identity, its position (a Postgres transaction id) and the tags it invalidates.</summary>
public readonly record struct CommittedChange(long Id, long Position, string[] Tags);
