using System.Diagnostics.Metrics;
using Leads.Infrastructure.Caching;

namespace Leads.IntegrationTests.Caching;

/// <summary>Counts one host's <c>leads.cache.loads</c> (loader runs) of one policy; other hosts in the same process add nothing.</summary>
public sealed class CacheLoadCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public CacheLoadCounts(IMeterFactory meterFactory, string policy)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CacheMetrics.MeterName && instrument.Name == "leads.cache.loads" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "policy" && tag.Value as string == policy)
                {
                    Interlocked.Add(ref _count, value);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
