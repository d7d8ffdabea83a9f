namespace Leads.Infrastructure.Caching.Outage;

/// <summary>
/// Bound from <c>Caching:Outage</c>: how reads are answered while Redis cannot be used (frozen, down, its circuit
/// open, or an invalidation of this instance still pending). See <see cref="OutageGenerations"/>.
/// </summary>
public sealed class OutageOptions
{
    /// <summary>
    /// On: while Redis cannot be used, L1 keeps answering, validated against the committed changes in the Postgres
    /// outbox (one shared query per moment, not per read). Off: every such read runs its loader (the behaviour
    /// before; engine-only hosts, whose invalidations do not go through the outbox, must switch it off).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an entry loaded during an outage is kept at most (less if its policy says so). It bounds how long a
    /// change that bypassed the API (nothing in the outbox, so nothing invalidates it) can be served while Redis is
    /// out; changes made through the API are seen by the next read on every instance.
    /// </summary>
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromSeconds(30);
}
