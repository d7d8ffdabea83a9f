using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Leads.Infrastructure.Caching;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// Records how long one host's writes waited for the other instances' acknowledgements
/// (<c>leads.cache.invalidation.acknowledgement.wait</c>), and how each wait ended: what read-after-write across
/// instances costs a write, without the rest of the request around it.
/// </summary>
public sealed class AcknowledgementWaits : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(double Milliseconds, string Outcome)> _waits = new();

    public AcknowledgementWaits(LeadsApiFactory host)
    {
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create(CacheMetrics.MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "leads.cache.invalidation.acknowledgement.wait")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var outcome = "unknown";
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcome = tag.Value as string ?? outcome;
                }
            }

            _waits.Enqueue((value, outcome));
        });
        _listener.Start();
    }

    public IReadOnlyList<(double Milliseconds, string Outcome)> Waits => _waits.ToArray();

    public string Describe()
    {
        var waits = Waits;
        if (waits.Count == 0)
        {
            return "no acknowledgement waits recorded";
        }

        var sorted = waits.Select(w => w.Milliseconds).Order().ToArray();
        double Quantile(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        var outcomes = string.Join(", ", waits.GroupBy(w => w.Outcome).Select(g => $"{g.Count()} {g.Key}"));
        return $"acknowledgement wait over {waits.Count} invalidations: p50 {Quantile(0.5):F2} ms, p99 {Quantile(0.99):F2} ms, max {sorted[^1]:F2} ms ({outcomes})";
    }

    public void Dispose() => _listener.Dispose();
}
