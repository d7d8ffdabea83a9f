namespace Leads.Application.Caching;

/// <summary>
/// The multi-level cache (in-process L1 in front of Redis), as the application uses it. Every operation degrades
/// to "not cached" when Redis is slow or down: callers never see a cache failure, only
/// <see cref="CacheOutcome.Unavailable"/>. Entries are stamped with the generations of their tags; an entry whose
/// tag was invalidated after it was loaded is never served.
/// </summary>
public interface ICacheStore
{
    /// <summary>Serves the entry or runs <paramref name="factory"/> once per key at a time (single-flight, plus a Redis lease across instances) and stores its result. Null results are not stored.</summary>
    ValueTask<CacheResult<T>> GetOrCreateAsync<T>(CacheKey key, CacheEntryOptions options, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken);

    /// <summary>
    /// Serves many entries of one policy at once: L1, then one Redis round trip per hash slot, then
    /// <paramref name="loadMissing"/> once for everything still missing (its answers, in the order of the indexes
    /// it was given, are stored; nulls are not). Stamps are read before the load, as in
    /// <see cref="GetOrCreateAsync{T}"/>. Results are in the order of <paramref name="keys"/>.
    /// </summary>
    ValueTask<IReadOnlyList<CacheResult<T>>> GetOrCreateManyAsync<T>(
        IReadOnlyList<CacheKey> keys,
        CachePolicy policy,
        Func<int, IReadOnlyList<string>> tags,
        Func<IReadOnlyList<int>, CancellationToken, ValueTask<IReadOnlyList<T?>>> loadMissing,
        CancellationToken cancellationToken);

    /// <summary>
    /// Marks every entry that depends on one of <paramref name="tags"/> stale, on every instance. Returns true once
    /// the bump is in Redis; false when Redis could not be reached, in which case the bump is retried by this
    /// instance (which bypasses its cache until then) and must also be retried by whoever can (the outbox relay).
    /// Bumping a tag twice only costs a few extra misses.
    /// </summary>
    ValueTask<bool> InvalidateTagsAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken);

    /// <summary>Removes the keys of <paramref name="level"/> (all levels when null) matching <paramref name="pattern"/>, where <c>*</c> is the only wildcard. Uses SCAN on every primary; for admin use.</summary>
    ValueTask<long> RemoveByPatternAsync(CacheLevel? level, string pattern, CancellationToken cancellationToken);
}
