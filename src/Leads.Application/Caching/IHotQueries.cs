using Leads.Application.Security;

namespace Leads.Application.Caching;

/// <summary>
/// A cache key alone cannot be recomputed (its id holds hashes, not the query's text); the query that produced it
/// can. The service level offers each query it answers; the hot-key ranking keeps, sampled and bounded, the query
/// and scope of the keys it counts, and forgets them with their counter.
/// </summary>
public interface IHotQueries
{
    /// <summary>Called after every service-level lookup; costs a random draw unless sampled.</summary>
    void Offer(CachePolicy policy, string partition, string id, object query, VisibilityScope? scope);

    /// <summary>The hottest service-level keys whose query is known, hottest first.</summary>
    IReadOnlyList<HotQuery> Hottest(int count);
}
