using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// Tag bumps that could not reach Redis, kept and replayed until they land. While any is pending this instance
/// serves nothing from any cache tier (see <c>MultiLevelCache</c>), so the data it just changed cannot be served
/// stale by it.
/// </summary>
public sealed partial class DeferredInvalidations(TagGenerations generations, InvalidationChannel channel, CacheMetrics metrics, ILogger<DeferredInvalidations> logger)
{
    // Tag -> number of the latest deferral that named it, so a flush removes only what it applied.
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly Lock _changes = new();
    private long _deferrals;

    // The outage as an operator reads it in the log: one warning when the first bump is deferred, one line when the
    // last one is applied, with what happened in between (a relay retrying every half second would repeat the warning).
    private long _outageStarted;
    private long _outageDeferrals;
    private long _outageTags;

    // Every cache lookup asks HasPending, and ConcurrentDictionary.IsEmpty takes all of its locks when the dictionary
    // is empty (the normal state), so the count is kept beside it; it changes only with the dictionary, under _changes.
    private volatile int _count;

    public bool HasPending => _count > 0;

    public int Count => _count;

    public void Defer(IReadOnlyCollection<string> tags)
    {
        bool starts;
        lock (_changes)
        {
            starts = _count == 0;
            if (starts)
            {
                _outageStarted = System.Diagnostics.Stopwatch.GetTimestamp();
                _outageDeferrals = 0;
                _outageTags = 0;
            }

            _outageDeferrals++;
            _outageTags += tags.Count;
            var deferral = ++_deferrals;
            foreach (var tag in tags)
            {
                _pending[tag] = deferral;
            }

            _count = _pending.Count;
        }

        metrics.Invalidated(tags.Count, "deferred");
        if (starts)
        {
            LogDeferred(tags.Count);
        }
        else
        {
            LogDeferredAgain(tags.Count, Count);
        }
    }

    /// <summary>Applies what is pending, when Redis answers; one flush at a time, a concurrent call returns at once.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!HasPending || !await _flushGate.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            KeyValuePair<string, long>[] snapshot;
            lock (_changes)
            {
                snapshot = _pending.ToArray();
            }

            var applied = await generations.IncrementAsync(snapshot.Select(p => p.Key).ToArray(), cancellationToken);
            if (applied is null)
            {
                return;
            }

            // Other instances must hear of the bump too: if the message does not go out, the next flush bumps again.
            if (!await channel.PublishAsync(InvalidationMessage.TagsBumped(channel.Origin, applied)))
            {
                return;
            }

            // A tag deferred again while this bump was in flight belongs to a later commit: its own bump must
            // still happen, so it stays pending (removing by key alone would lose it).
            bool ends;
            long deferrals, deferredTags;
            TimeSpan lasted;
            lock (_changes)
            {
                foreach (var entry in snapshot)
                {
                    _pending.TryRemove(entry);
                }

                _count = _pending.Count;
                ends = _count == 0;
                deferrals = _outageDeferrals;
                deferredTags = _outageTags;
                lasted = System.Diagnostics.Stopwatch.GetElapsedTime(_outageStarted);
            }

            metrics.Invalidated(snapshot.Length, "replayed");
            if (ends)
            {
                LogReplayed(deferrals, lasted, deferredTags);
            }
            else
            {
                LogReplayedSome(snapshot.Length, Count);
            }
        }
        finally
        {
            _flushGate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: {Count} tag invalidations deferred; this instance bypasses the cache until they are applied")]
    private partial void LogDeferred(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis still unreachable: {Count} more tag invalidations deferred, {Pending} tags pending")]
    private partial void LogDeferredAgain(int count, int pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: all {Deferrals} invalidations deferred over {Duration} ({Tags} tags) are applied; this instance uses the cache again")]
    private partial void LogReplayed(long deferrals, TimeSpan duration, long tags);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied {Count} deferred tag invalidations; {Pending} tags deferred meanwhile are still pending")]
    private partial void LogReplayedSome(int count, int pending);
}
