namespace Leads.Infrastructure.Persistence.Outbox;

/// <summary>
/// One committed change whose cache invalidation has not been applied yet: the tags it bumps, written in the
/// same transaction as the change (table <c>cache_invalidation_outbox</c>). The row is marked applied once the
/// bump is in Redis, by the instance that wrote it right after the commit or, if that failed or the instance
/// died, by the relay of any instance (<see cref="InvalidationOutboxRelay"/>), and deleted when it has been
/// applied for longer than <see cref="InvalidationOutboxOptions.ReplayWindow"/> (kept that long for a Redis
/// primary switch, ADR 0005).
/// </summary>
public sealed class PendingInvalidation
{
    public long Id { get; private set; }

    public string[] Tags { get; private set; } = [];

    /// <summary>Set by the database (<c>now()</c>, the clock of the writing transaction), so relays on every instance compare ages on one clock.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>When its bump landed (the database's clock), or null while it has not.</summary>
    public DateTime? AppliedAt { get; private set; }

    /// <summary>The row for a change that bumps <paramref name="tags"/>, or null when it bumps none.</summary>
    public static PendingInvalidation? For(IReadOnlyCollection<string> tags) =>
        tags.Count == 0 ? null : new PendingInvalidation { Tags = tags.ToArray() };

    /// <summary>The distinct tags of several rows, applied together as one bump.</summary>
    public static string[] TagsOf(IEnumerable<PendingInvalidation> rows) =>
        rows.SelectMany(row => row.Tags).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>A row as read back by the relay.</summary>
    public static PendingInvalidation Read(long id, string[] tags, DateTime createdAt) => new() { Id = id, Tags = tags, CreatedAt = createdAt };
}
