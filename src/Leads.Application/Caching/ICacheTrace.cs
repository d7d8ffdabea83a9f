namespace Leads.Application.Caching;

/// <summary>
/// What the cache levels did for the current request; the API turns it into a <c>Cache-Status</c> header
/// (RFC 9211) and uses the stored payload to answer conditional requests. Scoped, one per request.
/// </summary>
public interface ICacheTrace
{
    void Record(CacheLevel level, string policy, CacheOutcome outcome, bool stored = false);

    /// <summary>The service-level answer of this request, when one was read from or written to the cache.</summary>
    CachedPayload? ResponsePayload { get; set; }

    IReadOnlyList<CacheTraceEntry> Entries { get; }
}
