using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Leads.Infrastructure.Caching;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// Counts one host's <c>leads.cache.redis.failures</c> by kind and wait (<c>soft-timeout/brief</c>,
/// <c>timeout/outcome</c>…). Only the instrument of the given meter factory is heard, so other hosts in the same
/// process add nothing.
/// </summary>
public sealed class RedisFailureCounts : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public RedisFailureCounts(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CacheMetrics.MeterName && instrument.Name == "leads.cache.redis.failures" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? kind = null, wait = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "kind")
                {
                    kind = tag.Value as string;
                }
                else if (tag.Key == "wait")
                {
                    wait = tag.Value as string;
                }
            }

            _counts.AddOrUpdate(kind + "/" + wait, value, (_, current) => current + value);
        });
        _listener.Start();
    }

    public void Reset() => _counts.Clear();

    /// <summary>The counts now, by <c>kind/wait</c>, unaffected by what is counted later.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
