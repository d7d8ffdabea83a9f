using System.Diagnostics;
using System.Globalization;
using Leads.Application.Leads.Models;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// The reads of a load run around a Redis freeze: their latencies by phase, and the reads of the written lead that
/// started after its write was acknowledged yet returned an older version (stale).
/// </summary>
public sealed class LoadRun
{
    private readonly Lock _gate = new();
    private readonly List<(long Started, long Ended, Guid Id, long Version)> _reads = [];
    private Guid _written;
    private long _writtenVersion;
    private long _acknowledgedAt = long.MaxValue;

    public long FrozenAt { get; set; }

    public long ResumedAt { get; set; }

    public IReadOnlyList<string> Stale
    {
        get
        {
            lock (_gate)
            {
                return _reads
                    .Where(r => r.Id == _written && r.Started > _acknowledgedAt && r.Version < _writtenVersion)
                    .Select(r => $"version {r.Version} read {Ms(_acknowledgedAt, r.Started):0} ms after the acknowledgement of {_writtenVersion} ({Ms(ResumedAt, r.Started):0} ms after the resume)")
                    .ToArray();
            }
        }
    }

    public void Record(long started, long ended, LeadDto lead)
    {
        lock (_gate)
        {
            _reads.Add((started, ended, lead.Id, lead.Version));
        }
    }

    public void Acknowledge(Guid id, long version)
    {
        lock (_gate)
        {
            _written = id;
            _writtenVersion = version;
            _acknowledgedAt = Stopwatch.GetTimestamp();
        }
    }

    public string Report()
    {
        lock (_gate)
        {
            return string.Join(
                "; ",
                Phase("before the freeze", r => r.Started < FrozenAt),
                Phase("frozen", r => r.Started >= FrozenAt && r.Started < ResumedAt),
                Phase("after the resume", r => r.Started >= ResumedAt));
        }
    }

    private string Phase(string name, Func<(long Started, long Ended, Guid Id, long Version), bool> where)
    {
        var latencies = _reads.Where(where).Select(r => Ms(r.Started, r.Ended)).Order().ToArray();
        if (latencies.Length == 0)
        {
            return name + ": no reads";
        }

        double At(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{name}: {latencies.Length} reads, p50 {At(0.5):0.0} ms, p99 {At(0.99):0.0} ms, worst {latencies[^1]:0.0} ms");
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
