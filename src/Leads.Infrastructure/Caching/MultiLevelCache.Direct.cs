using System.Diagnostics;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Tiers;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching;

/// <summary>
/// Direct reads and writes of single entries, outside the get-or-create flow: probes for operators and tests,
/// and storing values a caller already holds (warming).
/// </summary>
public sealed partial class MultiLevelCache
{
    /// <summary>Reads one entry without loading it (operators' probes and tests).</summary>
    public async ValueTask<CacheResult<T>> GetAsync<T>(CacheKey key, CacheEntryOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!options.Policy.Enabled)
        {
            return Record(key, new CacheResult<T>(default, CacheOutcome.Bypass, null), started);
        }

        var stamps = CanUseCache ? await generations.GetAsync(options.Tags, cancellationToken) : null;
        return Record(
            key,
            stamps is null ? new CacheResult<T>(default, CacheOutcome.Unavailable, null) : await LookupAsync<T>(key.Render(_prefix), stamps, options.Policy, cancellationToken),
            started);
    }

    /// <summary>
    /// Stores a value the caller already holds (warming, tests). Stamps read now may be newer than the data:
    /// callers that load before storing must use <see cref="GetOrCreateAsync{T}"/>, which stamps before loading.
    /// </summary>
    public async ValueTask SetAsync<T>(CacheKey key, T value, CacheEntryOptions options, CancellationToken cancellationToken)
    {
        if (!options.Policy.Enabled || !CanUseCache)
        {
            return;
        }

        var stamps = await generations.GetAsync(options.Tags, cancellationToken);
        if (stamps is not null)
        {
            await StoreAsync(key.Render(_prefix), value, stamps, options.Policy, cancellationToken);
        }
    }

    /// <summary>Deletes one entry from Redis and from every instance's L1.</summary>
    public async ValueTask<bool> RemoveAsync(CacheKey key, CancellationToken cancellationToken)
    {
        var fullKey = key.Render(_prefix);
        l1.Remove(fullKey);
        var removed = await l2.DeleteAsync(fullKey, cancellationToken);
        await invalidator.PublishKeyRemovedAsync(fullKey);
        return removed;
    }
}
