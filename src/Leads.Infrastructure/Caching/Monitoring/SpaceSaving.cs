namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// The Space-Saving summary (Metwally, Agrawal, El Abbadi, 2005): the heaviest keys of a stream in at most
/// <c>capacity</c> counters, however many distinct keys pass. A key not being counted takes over the smallest
/// counter and inherits its count as its possible over-estimate. With N the total weight added and m the
/// capacity, every estimate is at most N/m too high and never too low for a counted key, and every key
/// heavier than N/m is counted. A min-heap keeps the smallest counter at hand, so an add is O(log m).
/// Not thread-safe: the owner locks.
/// </summary>
public sealed class SpaceSaving
{
    private readonly Counter[] _heap;
    private readonly Dictionary<string, int> _positions;
    private int _size;

    public SpaceSaving(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _heap = new Counter[capacity];
        _positions = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
    }

    public int Capacity => _heap.Length;

    /// <summary>Total weight added since the last <see cref="Clear"/>: N in the error bound.</summary>
    public long Total { get; private set; }

    /// <summary>The largest possible over-estimate of any count: the smallest counter once all are taken, else 0.</summary>
    public long MaxError => _size < _heap.Length ? 0 : _heap[0].Count;

    public void Add(string key, long weight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        Total += weight;
        if (_positions.TryGetValue(key, out var position))
        {
            _heap[position].Count += weight;
            SiftDown(position);
            return;
        }

        if (_size < _heap.Length)
        {
            _heap[_size] = new Counter(key, weight, 0);
            _positions[key] = _size;
            SiftUp(_size++);
            return;
        }

        // Replace the smallest counter: the newcomer may have been seen up to that many times unnoticed.
        var smallest = _heap[0];
        _positions.Remove(smallest.Key);
        _heap[0] = new Counter(key, smallest.Count + weight, smallest.Count);
        _positions[key] = 0;
        SiftDown(0);
    }

    /// <summary>The counted keys, heaviest first (ties by key), with their estimate and its possible over-estimate.</summary>
    public IReadOnlyList<HotKeyEstimate> Top(int count) =>
        _heap.Take(_size)
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(c => new HotKeyEstimate(c.Key, c.Count, c.Error))
            .ToArray();

    /// <summary>
    /// Attaches <paramref name="origin"/> (what produced the key: see <c>HotQueries</c>) to the key's counter if it
    /// is counted. The origin lives exactly as long as the counter, so the summary stays bounded.
    /// </summary>
    public bool TryAttach(string key, object origin)
    {
        if (!_positions.TryGetValue(key, out var position))
        {
            return false;
        }

        _heap[position].Origin = origin;
        return true;
    }

    /// <summary>The counted keys that have an origin attached, with their estimate (unordered).</summary>
    public IEnumerable<(string Key, long Count, object Origin)> WithOrigins()
    {
        for (var i = 0; i < _size; i++)
        {
            if (_heap[i].Origin is { } origin)
            {
                yield return (_heap[i].Key, _heap[i].Count, origin);
            }
        }
    }

    public void Clear()
    {
        Array.Clear(_heap);
        _positions.Clear();
        _size = 0;
        Total = 0;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_heap[parent].Count <= _heap[i].Count)
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            var smallest = i;
            if (left < _size && _heap[left].Count < _heap[smallest].Count)
            {
                smallest = left;
            }

            if (left + 1 < _size && _heap[left + 1].Count < _heap[smallest].Count)
            {
                smallest = left + 1;
            }

            if (smallest == i)
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _positions[_heap[a].Key] = a;
        _positions[_heap[b].Key] = b;
    }

    private record struct Counter(string Key, long Count, long Error, object? Origin = null);
}
