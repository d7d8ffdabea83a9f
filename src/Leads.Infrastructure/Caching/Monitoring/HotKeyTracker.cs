using Leads.Application.Caching;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// Finds the hottest keys per level (http, api, db) and time bucket in constant memory: about one lookup in
/// <c>SampleRate</c> (chosen at random) is added, weighted by the rate, to a <see cref="SpaceSaving"/> summary of
/// <c>Capacity</c> counters for its level and bucket; a ring of <c>Buckets</c> buckets of <c>BucketLength</c>
/// each is kept, the oldest reused. So memory is levels × buckets × capacity counters however many distinct
/// keys pass, and the ranking follows current traffic. Keys carry no personal data (user text is hashed in
/// keys), so they can be shown to operators.
/// </summary>
public sealed class HotKeyTracker
{
    /// <summary>Level names in the order of the level index.</summary>
    public static readonly IReadOnlyList<string> LevelNames = ["http", "api", "db"];

    private readonly int _sampleRate;
    private readonly long _bucketMs;
    private readonly Bucket[] _ring;
    private readonly TimeProvider _time;

    public HotKeyTracker(int sampleRate = 8, int capacity = 64, TimeSpan? bucketLength = null, int buckets = 30, TimeProvider? time = null)
    {
        _sampleRate = Math.Max(1, sampleRate);
        _bucketMs = Math.Max(1, (long)(bucketLength ?? TimeSpan.FromSeconds(10)).TotalMilliseconds);
        _ring = Enumerable.Range(0, Math.Max(1, buckets)).Select(_ => new Bucket(Math.Max(1, capacity))).ToArray();
        _time = time ?? TimeProvider.System;
    }

    public int SampleRate => _sampleRate;

    public TimeSpan BucketLength => TimeSpan.FromMilliseconds(_bucketMs);

    public int Capacity => _ring[0].Levels[0].Capacity;

    public void Record(CacheKey key)
    {
        if (Sampled())
        {
            // Only sampled lookups pay for the key text.
            Add(LevelIndex(key.Level), key.Describe());
        }
    }

    /// <summary>Counts a conditional GET at the HTTP level; <paramref name="describe"/> builds the key text only when sampled.</summary>
    public void RecordHttp<TState>(TState state, Func<TState, string> describe)
    {
        if (Sampled())
        {
            Add(0, describe(state));
        }
    }

    /// <summary>Whether this call is one of the sampled ones (about one in <see cref="SampleRate"/>).</summary>
    public bool Sample() => Sampled();

    /// <summary>
    /// Remembers what produced a key (<paramref name="described"/>: <see cref="CacheKey.Describe"/>) on its counter in
    /// the current bucket, if the key is counted there; a key that is not counted is not hot enough to be worth it.
    /// </summary>
    public bool Attach(CacheLevel level, string described, object origin)
    {
        var id = _time.GetUtcNow().ToUnixTimeMilliseconds() / _bucketMs;
        var bucket = _ring[(int)(id % _ring.Length)];
        lock (bucket)
        {
            return bucket.Id == id && bucket.Levels[LevelIndex(level)].TryAttach(described, origin);
        }
    }

    /// <summary>
    /// The hottest keys of <paramref name="level"/> that have an origin attached, estimates summed over the buckets
    /// kept, each with the origin of its newest bucket; hottest first.
    /// </summary>
    public IReadOnlyList<(string Key, long Count, object Origin)> HottestWithOrigins(CacheLevel level, int count)
    {
        var current = _time.GetUtcNow().ToUnixTimeMilliseconds() / _bucketMs;
        var index = LevelIndex(level);
        var keys = new Dictionary<string, (long Count, long Bucket, object Origin)>(StringComparer.Ordinal);
        foreach (var bucket in _ring)
        {
            lock (bucket)
            {
                if (bucket.Id <= current - _ring.Length || bucket.Id > current)
                {
                    continue;
                }

                foreach (var (key, estimate, origin) in bucket.Levels[index].WithOrigins())
                {
                    keys[key] = keys.TryGetValue(key, out var seen)
                        ? (seen.Count + estimate, Math.Max(seen.Bucket, bucket.Id), seen.Bucket > bucket.Id ? seen.Origin : origin)
                        : (estimate, bucket.Id, origin);
                }
            }
        }

        return keys.OrderByDescending(k => k.Value.Count).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(k => (k.Key, k.Value.Count, k.Value.Origin))
            .ToArray();
    }

    /// <summary>The hottest keys of every level over the buckets kept, estimates summed per key.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int count) =>
        Snapshot().SelectMany(b => b.Levels.SelectMany(l => l))
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(e => e.Count)))
            .OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(count)
            .ToArray();

    /// <summary>The buckets kept, oldest first, each with the counted keys of every level (by level index).</summary>
    public IReadOnlyList<HotKeyBucket> Snapshot()
    {
        var current = _time.GetUtcNow().ToUnixTimeMilliseconds() / _bucketMs;
        var buckets = new List<HotKeyBucket>(_ring.Length);
        foreach (var bucket in _ring)
        {
            lock (bucket)
            {
                if (bucket.Id > current - _ring.Length && bucket.Id <= current)
                {
                    buckets.Add(new HotKeyBucket(
                        DateTimeOffset.FromUnixTimeMilliseconds(bucket.Id * _bucketMs),
                        bucket.Levels.Select(l => l.Top(l.Capacity)).ToArray(),
                        bucket.Levels.Select(l => l.MaxError).ToArray()));
                }
            }
        }

        return buckets.OrderBy(b => b.Start).ToArray();
    }

    private static int LevelIndex(CacheLevel level) => level == CacheLevel.Api ? 1 : 2;

    // Random, not every n-th lookup: a request makes a fixed sequence of lookups (authorization data, then
    // its query), and a fixed stride would always pick the same position in it.
    private bool Sampled() => _sampleRate == 1 || Random.Shared.Next(_sampleRate) == 0;

    private void Add(int level, string key)
    {
        var id = _time.GetUtcNow().ToUnixTimeMilliseconds() / _bucketMs;
        var bucket = _ring[(int)(id % _ring.Length)];
        lock (bucket)
        {
            if (bucket.Id != id)
            {
                foreach (var summary in bucket.Levels)
                {
                    summary.Clear();
                }

                bucket.Id = id;
            }

            bucket.Levels[level].Add(key, _sampleRate);
        }
    }

    private sealed class Bucket(int capacity)
    {
        public long Id { get; set; } = long.MinValue;

        public SpaceSaving[] Levels { get; } = [new(capacity), new(capacity), new(capacity)];
    }
}
