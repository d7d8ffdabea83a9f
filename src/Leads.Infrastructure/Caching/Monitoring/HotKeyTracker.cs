using System.Collections.Concurrent;
using Leads.Application.Caching;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// Finds the hottest keys cheaply: counts about one lookup in <c>SampleRate</c> (chosen at random), keeps at most <c>MaxKeys</c> keys and
/// halves every score each minute, so the ranking follows current traffic. Keys carry no personal data (user
/// text is hashed in keys), so they can be shown to operators.
/// </summary>
public sealed class HotKeyTracker : IDisposable
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<string, long> _scores = new(StringComparer.Ordinal);
    private readonly int _sampleRate;
    private readonly Timer _decay;

    public HotKeyTracker(int sampleRate = 8)
    {
        _sampleRate = Math.Max(1, sampleRate);
        _decay = new Timer(_ => Decay(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public void Record(CacheKey key)
    {
        // Random, not every n-th lookup: a request makes a fixed sequence of lookups (authorization data, then
        // its query), and a fixed stride would always pick the same position in it.
        if (_sampleRate > 1 && Random.Shared.Next(_sampleRate) != 0)
        {
            return;
        }

        // Only sampled lookups pay for the key text.
        Record(key.Describe());
    }

    private void Record(string key)
    {
        if (_scores.Count >= MaxKeys && !_scores.ContainsKey(key))
        {
            return;
        }

        _scores.AddOrUpdate(key, _sampleRate, (_, score) => score + _sampleRate);
    }

    public IReadOnlyList<KeyValuePair<string, long>> Top(int count) =>
        _scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(count).ToArray();

    public void Dispose() => _decay.Dispose();

    private void Decay()
    {
        foreach (var (key, score) in _scores)
        {
            var halved = score / 2;
            if (halved == 0)
            {
                _scores.TryRemove(key, out _);
            }
            else
            {
                _scores.TryUpdate(key, halved, score);
            }
        }
    }
}
