using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// Publishes an invalidation and returns once every other live instance has acknowledged it, or after
/// <see cref="CoherenceOptions.FenceAfter"/> at the latest: by then an instance that has not applied the message
/// has stopped trusting what it remembers (ADR 0004). Either way no instance answers a read that starts after
/// the write's response with the data the write replaced.
/// </summary>
public sealed class InvalidationBroadcaster
{
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private readonly InvalidationChannel _channel;
    private readonly LiveInstances _instances;
    private readonly bool _enabled;
    private readonly TimeSpan _bound;
    private readonly Histogram<double> _wait;
    private long _lastId;

    public InvalidationBroadcaster(InvalidationChannel channel, LiveInstances instances, IOptions<CachingOptions> options, IMeterFactory meterFactory)
    {
        _channel = channel;
        _instances = instances;
        _enabled = options.Value.Coherence.Enabled;
        _bound = options.Value.Coherence.FenceAfter;
        _wait = meterFactory.Create(CacheMetrics.MeterName).CreateHistogram<double>(
            "leads.cache.invalidation.acknowledgement.wait",
            "ms",
            "How long a write waited for the other instances to acknowledge its invalidation, by outcome (acknowledged, bound).");
    }

    /// <summary>True once Redis accepted the message (then the wait is over too); false when it did not.</summary>
    public async Task<bool> PublishAsync(InvalidationMessage message)
    {
        if (!_enabled)
        {
            return await _channel.PublishAsync(message);
        }

        var id = Interlocked.Increment(ref _lastId);
        var pending = new Pending();
        _pending[id] = pending;
        try
        {
            if (!await _channel.PublishAsync(message with { AckId = id }))
            {
                return false;
            }

            // The bound runs from the publish's answer: Redis handled the message before it, so an instance whose
            // ping went out after that has the message (the channel keeps order), and one whose last ping went
            // out before it stops trusting its memory before the bound has passed.
            var published = Stopwatch.GetTimestamp();

            // Read after the publish, so an instance that announces itself later cannot have missed the message.
            var others = await _instances.OthersAsync(CancellationToken.None);
            if (others is not null)
            {
                pending.Expect(others);
            }

            var acknowledged = await pending.WaitAsync(_bound - Stopwatch.GetElapsedTime(published));
            _wait.Record(Stopwatch.GetElapsedTime(published).TotalMilliseconds, new KeyValuePair<string, object?>("outcome", acknowledged ? "acknowledged" : "bound"));
            return true;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>An acknowledgement arrived on this instance's channel.</summary>
    public void OnAcknowledged(string instance, long ackId)
    {
        if (_pending.TryGetValue(ackId, out var pending))
        {
            pending.Acknowledged(instance);
        }
    }

    private sealed class Pending
    {
        private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
        private HashSet<string>? _expected;

        public void Expect(IReadOnlyCollection<string> instances)
        {
            lock (_acknowledged)
            {
                _expected = [.. instances];
                CheckComplete();
            }
        }

        public void Acknowledged(string instance)
        {
            lock (_acknowledged)
            {
                _acknowledged.Add(instance);
                CheckComplete();
            }
        }

        public async Task<bool> WaitAsync(TimeSpan remaining)
        {
            if (_complete.Task.IsCompleted)
            {
                return true;
            }

            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await _complete.Task.WaitAsync(remaining);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        private void CheckComplete()
        {
            if (_expected is not null && _expected.IsSubsetOf(_acknowledged))
            {
                _complete.TrySetResult();
            }
        }
    }
}
