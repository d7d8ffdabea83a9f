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

    public ValueTask<CacheResult<T>> GetAsync<T>(CacheKey key, CacheEntryOptions options, CancellationToken cancellationToken) =>
        inner.GetAsync<T>(key, options, cancellationToken);

    public ValueTask SetAsync<T>(CacheKey key, T value, CacheEntryOptions options, CancellationToken cancellationToken) =>
        inner.SetAsync(key, value, options, cancellationToken);

    public ValueTask<IReadOnlyList<CacheResult<T>>> GetManyAsync<T>(IReadOnlyList<CacheKey> keys, Func<CacheKey, CacheEntryOptions> options, CancellationToken cancellationToken) =>
        inner.GetManyAsync<T>(keys, options, cancellationToken);

    public ValueTask SetManyAsync<T>(IReadOnlyList<KeyValuePair<CacheKey, T>> items, Func<CacheKey, CacheEntryOptions> options, CancellationToken cancellationToken) =>
        inner.SetManyAsync(items, options, cancellationToken);

    public ValueTask<bool> RemoveAsync(CacheKey key, CancellationToken cancellationToken) => inner.RemoveAsync(key, cancellationToken);

    public ValueTask InvalidateTagsAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<long> RemoveByPatternAsync(CacheLevel? level, string pattern, CancellationToken cancellationToken) =>
        inner.RemoveByPatternAsync(level, pattern, cancellationToken);
}
