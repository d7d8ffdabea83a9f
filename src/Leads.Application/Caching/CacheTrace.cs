namespace Leads.Application.Caching;

/// <summary>Default per-request <see cref="ICacheTrace"/>; a request is handled by one logical flow at a time, the lock covers fan-out.</summary>
public sealed class CacheTrace : ICacheTrace
{
    private readonly List<CacheTraceEntry> _entries = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<CacheTraceEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    public void Record(CacheLevel level, string policy, CacheOutcome outcome, bool stored = false)
    {
        lock (_gate)
        {
            _entries.Add(new CacheTraceEntry(level, policy, outcome, stored));
        }
    }
}
