using Leads.Application.Caching;

namespace Leads.Infrastructure.Caching.QueryCache;

/// <summary>Runs one repository read through the database-level cache and records the outcome for <c>Cache-Status</c>.</summary>
public sealed class QueryCacheRunner(ICacheStore cache, ICachePolicyProvider policies, ICacheTrace trace)
{
    public async Task<T?> RunAsync<T>(
        string policyName,
        string partition,
        string id,
        IReadOnlyList<string> tags,
        Func<CancellationToken, Task<T?>> load,
        CancellationToken cancellationToken)
    {
        var policy = policies.Get(policyName);
        var key = new CacheKey(policy.Level, policy.Name, partition, id);
        var result = await cache.GetOrCreateAsync(key, new CacheEntryOptions(policy, tags), async ct => await load(ct), cancellationToken);
        trace.Record(policy.Level, policy.Name, result.Outcome, stored: result.Outcome == CacheOutcome.Miss && result.Payload is not null);
        return result.Value;
    }
}
