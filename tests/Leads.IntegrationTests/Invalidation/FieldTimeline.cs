namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// One hot lead's value of one field (its status, its category) over the check: where it started and every write
/// that changed it, appended by its one writer.
/// </summary>
public sealed class FieldTimeline<T>(Guid id, T initial, long initialVersion)
{
    private readonly List<(long Sent, long Acknowledged, T To, long Version)> _writes = [];

    public Guid Id => id;

    public T Current => _writes.Count == 0 ? initial : _writes[^1].To;

    public void Written(long sent, long acknowledged, T to, long version) => _writes.Add((sent, acknowledged, to, version));

    /// <summary>
    /// The field's value throughout a read from <paramref name="started"/> to <paramref name="ended"/>, with the
    /// version and acknowledgement time of the write that set it; null when a write of it was in flight during it.
    /// </summary>
    public (T Value, long Version, long At)? CertainDuring(long started, long ended)
    {
        (T Value, long Version, long At) known = (initial, initialVersion, long.MinValue);
        foreach (var write in _writes)
        {
            if (write.Acknowledged < started)
            {
                known = (write.To, write.Version, write.Acknowledged);
            }
            else if (write.Sent <= ended)
            {
                return null;
            }
        }

        return known;
    }

    /// <summary>How long after the acknowledgement at <paramref name="at"/> a read started at <paramref name="started"/> (zero for the initial value).</summary>
    public static TimeSpan SinceAcknowledged(long at, long started) =>
        at == long.MinValue ? TimeSpan.Zero : System.Diagnostics.Stopwatch.GetElapsedTime(at, started);
}
