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

    /// <summary>
    /// The batched form: the answers of many ids of one policy, from the cache where it has them and from one
    /// <paramref name="loadMissing"/> call for the rest. Recorded as one lookup: a miss when anything was loaded.
    /// </summary>
    public async ValueTask<IReadOnlyList<T?>> RunManyAsync<TId, T>(
        string policyName,
        string partition,
        IReadOnlyList<TId> ids,
        Func<TId, string> keyId,
        Func<TId, IReadOnlyList<string>> tags,
        Func<IReadOnlyList<TId>, CancellationToken, ValueTask<IReadOnlyList<T?>>> loadMissing,
        CancellationToken cancellationToken)
    {
        var policy = policies.Get(policyName);
        if (ids.Count == 0)
        {
            return [];
        }

        var keys = ids.Select(id => new CacheKey(policy.Level, policy.Name, partition, keyId(id))).ToArray();
        var results = await cache.GetOrCreateManyAsync<T>(
            keys,
            policy,
            i => tags(ids[i]),
            (missing, ct) => loadMissing(missing.Select(i => ids[i]).ToArray(), ct),
            cancellationToken);

        var outcome = results.Select(r => r.Outcome).DefaultIfEmpty(CacheOutcome.HitL1).Max();
        trace.Record(policy.Level, policy.Name, outcome, stored: outcome == CacheOutcome.Miss && results.Any(r => r.Payload is not null && r.Outcome == CacheOutcome.Miss));
        return results.Select(r => r.Value).ToArray();
    }
}
