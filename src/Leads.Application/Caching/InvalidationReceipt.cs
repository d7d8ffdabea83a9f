namespace Leads.Application.Caching;

/// <summary>
/// Whether every tag bump of the save being published reached Redis. The cache invalidation handler reports a
/// bump that did not; the invalidation outbox then leaves the save's row pending for the relay instead of marking it applied.
/// Scoped, like the save and the handlers it publishes to.
/// </summary>
public sealed class InvalidationReceipt
{
    private int _missed;

    /// <summary>Starts a new save: nothing missed yet.</summary>
    public void Reset() => Interlocked.Exchange(ref _missed, 0);

    /// <summary>A bump of this save could not reach Redis.</summary>
    public void Missed() => Interlocked.Increment(ref _missed);

    /// <summary>True when no bump was missed since <see cref="Reset"/>.</summary>
    public bool AllApplied => Volatile.Read(ref _missed) == 0;
}
