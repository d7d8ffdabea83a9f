namespace Leads.Application.Caching;

/// <summary>
/// What the cache levels did for the current request; the API turns it into a <c>Cache-Status</c> header
/// (RFC 9211). Scoped, one per request.
/// </summary>
public interface ICacheTrace
{
    void Record(CacheLevel level, string policy, CacheOutcome outcome, bool stored = false);

    IReadOnlyList<CacheTraceEntry> Entries { get; }
}
