using Leads.Infrastructure.Caching.Outage;
using Leads.Infrastructure.Caching.Tiers;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// Invalidates tags everywhere: one INCR per tag in Redis (every entry stamped with the old generation becomes a
/// miss on every instance), then a message that every other live instance applies and acknowledges before the
/// write returns (bounded, ADR 0004). A bump or a message that cannot reach Redis is deferred and this instance
/// drops its own L1, which may hold what just changed.
/// </summary>
public sealed class TagInvalidator(TagGenerations generations, DeferredInvalidations deferred, InvalidationChannel channel, InvalidationBroadcaster broadcaster, L1Cache l1, OutageGenerations outage, CacheMetrics metrics)
{
    private long _issued;

    /// <summary>
    /// How many invalidations this instance has issued. Loads that cannot be stamped (Redis unreachable) are
    /// shared only among callers that saw the same count, so a read that follows a write never joins a load
    /// that started before it.
    /// </summary>
    public long Issued => Interlocked.Read(ref _issued);

    /// <summary>
    /// Never throws; returns true once the bump is in Redis and its message was published (and acknowledged, or the
    /// bound passed), false when it was recorded for retry.
    /// </summary>
    public async ValueTask<bool> InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return true;
        }

        Interlocked.Increment(ref _issued);
        outage.Invalidate(tags);
        var applied = await generations.IncrementAsync(tags, cancellationToken);
        if (applied is null)
        {
            deferred.Defer(tags);
            l1.Clear();
            return false;
        }

        metrics.Invalidated(tags.Count, "applied");
        if (!await broadcaster.PublishAsync(InvalidationMessage.TagsBumped(channel.Origin, applied)))
        {
            // The other instances may not have heard of the bump: the replay bumps again and publishes.
            deferred.Defer(tags);
            l1.Clear();
            return false;
        }

        return true;
    }

    /// <summary>Tells every instance to drop one key from L1.</summary>
    public Task PublishKeyRemovedAsync(string fullKey) => broadcaster.PublishAsync(InvalidationMessage.KeyRemoved(channel.Origin, fullKey));

    /// <summary>Tells every other instance to drop its whole L1.</summary>
    public Task PublishClearAsync() => broadcaster.PublishAsync(InvalidationMessage.ClearAll(channel.Origin));
}
