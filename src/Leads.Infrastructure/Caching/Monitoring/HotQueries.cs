using Leads.Application.Caching;
using Leads.Application.Security;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// Keeps the query and scope of the hottest service-level keys on their <see cref="HotKeyTracker"/> counters, so
/// the warmer can reload them after a bulk invalidation. Sampled at the tracker's rate: an offer that is not
/// sampled costs a random draw; a sampled one builds the key text and, if the key is counted, attaches one small
/// record. Memory stays bounded by the tracker's counters (an origin goes when its counter is reused).
/// </summary>
public sealed class HotQueries(HotKeyTracker tracker) : IHotQueries
{
    public void Offer(CachePolicy policy, string partition, string id, object query, VisibilityScope? scope)
    {
        if (tracker.Sample())
        {
            var described = new CacheKey(policy.Level, policy.Name, partition, id).Describe();
            tracker.Attach(policy.Level, described, new HotQuery(described, query, scope));
        }
    }

    public IReadOnlyList<HotQuery> Hottest(int count) =>
        tracker.HottestWithOrigins(CacheLevel.Api, count).Select(k => (HotQuery)k.Origin).ToArray();
}
