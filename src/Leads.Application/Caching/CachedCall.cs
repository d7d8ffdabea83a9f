namespace Leads.Application.Caching;

/// <summary>
/// The one "cached call" step of both cache levels: policy → key → get-or-create → trace. The service level
/// (<see cref="Common.Behaviors.CachingBehavior{TMessage,TResponse}"/>) and the database-level repository
/// decorators only say what to cache; how a lookup runs and is reported is decided here.
/// </summary>
public sealed class CachedCall(ICacheStore cache, ICachePolicyProvider policies, ICacheTrace trace)
{
    public CachePolicy Policy(string name) => policies.Get(name);

    /// <summary>Serves the answer of <paramref name="id"/> in <paramref name="partition"/> from the cache or runs <paramref name="load"/> and stores it.</summary>
    public async ValueTask<CacheResult<T>> RunAsync<T>(
        CachePolicy policy,
        string partition,
        string id,
        IReadOnlyList<string> tags,
        Func<CancellationToken, ValueTask<T>> load,
        CancellationToken cancellationToken)
    {
        if (!policy.Enabled)
        {
            trace.Record(policy.Level, policy.Name, CacheOutcome.Bypass);
            return new CacheResult<T>(await load(cancellationToken), CacheOutcome.Bypass, null);
        }

        var key = new CacheKey(policy.Level, policy.Name, partition, id);
        var result = await cache.GetOrCreateAsync(key, new CacheEntryOptions(policy, tags), load, cancellationToken);
        trace.Record(policy.Level, policy.Name, result.Outcome, stored: result.Outcome == CacheOutcome.Miss && result.Payload is not null);
        return result;
    }

    /// <inheritdoc cref="RunAsync{T}(CachePolicy, string, string, IReadOnlyList{string}, Func{CancellationToken, ValueTask{T}}, CancellationToken)"/>
    public ValueTask<CacheResult<T>> RunAsync<T>(
        string policyName,
        string partition,
        string id,
        IReadOnlyList<string> tags,
        Func<CancellationToken, ValueTask<T>> load,
        CancellationToken cancellationToken) =>
        RunAsync(policies.Get(policyName), partition, id, tags, load, cancellationToken);
}
