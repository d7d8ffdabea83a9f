using Leads.Application.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Caching.Tiers;

/// <summary>
/// The in-process tier: the deserialized value and its payload, stamped like the Redis entry. Bounded by
/// payload bytes; each entry lives at most <see cref="L1Options.MaxDuration"/>.
/// </summary>
public sealed class L1Cache : IDisposable
{
    private readonly L1Options _options;
    private readonly MemoryCache _cache;

    public L1Cache(IOptions<CachingOptions> options)
    {
        _options = options.Value.L1;
        _cache = Create();
    }

    public bool TryGet(string key, ReadOnlySpan<long> stamps, out L1Entry entry)
    {
        if (_cache.TryGetValue(key, out var value) && value is L1Entry found && stamps.SequenceEqual(found.Stamps))
        {
            entry = found;
            return true;
        }

        entry = null!;
        return false;
    }

    public void Set(string key, L1Entry entry, TimeSpan duration)
    {
        var lifetime = duration < _options.MaxDuration ? duration : _options.MaxDuration;
        using var cacheEntry = _cache.CreateEntry(key);
        cacheEntry.Value = entry;
        cacheEntry.Size = entry.Payload.Json.Length + 128;
        cacheEntry.AbsoluteExpirationRelativeToNow = lifetime;
    }

    public void Remove(string key) => _cache.Remove(key);

    /// <summary>Drops everything (after a reconnect or a bulk invalidation).</summary>
    /// <remarks>
    /// Empties the one cache in place: swapping in a new cache and disposing the old one made requests that
    /// were still reading the old instance fail with ObjectDisposedException.
    /// </remarks>
    public void Clear() => _cache.Clear();

    public long Count => _cache.Count;

    /// <summary>Estimated payload bytes held, counted against <see cref="SizeLimitBytes"/>.</summary>
    public long SizeBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public long SizeLimitBytes => _options.SizeLimitBytes;

    public void Dispose() => _cache.Dispose();

    private MemoryCache Create() => new(new MemoryCacheOptions { SizeLimit = _options.SizeLimitBytes, CompactionPercentage = 0.2, TrackStatistics = true });
}
