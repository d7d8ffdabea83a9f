using Leads.Application.Caching;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// The real cache with tag invalidation switched off: everything else (L1, Redis, stamps, single flight) runs as
/// in production. Hosts built with it show what the checks in this folder catch when invalidation is missing.
/// </summary>
public sealed class NonInvalidatingCacheStore(ICacheStore inner) : ICacheStore
{
    public ValueTask<CacheResult<T>> GetOrCreateAsync<T>(CacheKey key, CacheEntryOptions options, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken) =>
        inner.GetOrCreateAsync(key, options, factory, cancellationToken);

    public ValueTask<IReadOnlyList<CacheResult<T>>> GetOrCreateManyAsync<T>(
        IReadOnlyList<CacheKey> keys,
        CachePolicy policy,
        Func<int, IReadOnlyList<string>> tags,
        Func<IReadOnlyList<int>, CancellationToken, ValueTask<IReadOnlyList<T?>>> loadMissing,
        CancellationToken cancellationToken) =>
        inner.GetOrCreateManyAsync(keys, policy, tags, loadMissing, cancellationToken);

    // "Applied": nothing is bumped, and nothing is left for the outbox relay to bump later either.
    public ValueTask<bool> InvalidateTagsAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask<long> RemoveByPatternAsync(CacheLevel? level, string pattern, CancellationToken cancellationToken) =>
        inner.RemoveByPatternAsync(level, pattern, cancellationToken);
}
