using System.Collections.Concurrent;
using Leads.Application.Caching;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>Lookup outcomes per level and policy since start, for the admin statistics (the meters feed dashboards).</summary>
public sealed class CacheStatistics
{
    private readonly ConcurrentDictionary<(CacheLevel Level, string Policy), long[]> _counts = new();

    public void Record(CacheLevel level, string policy, CacheOutcome outcome)
    {
        var counts = _counts.GetOrAdd((level, policy), static _ => new long[5]);
        Interlocked.Increment(ref counts[(int)outcome]);
    }

    public IReadOnlyList<(CacheLevel Level, string Policy, long[] Counts)> Snapshot() =>
        _counts.Select(c => (c.Key.Level, c.Key.Policy, c.Value.Select(v => Interlocked.Read(ref v)).ToArray()))
            .OrderBy(c => c.Level).ThenBy(c => c.Policy, StringComparer.Ordinal).ToArray();
}
