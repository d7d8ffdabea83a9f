namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// What a <see cref="ConsistencyChecker"/> run observed. A stale read is one that started after a write of
/// that lead had been acknowledged and still showed an older version.
/// </summary>
public sealed record ConsistencyReport(
    int Writes,
    int FailedWrites,
    int Reads,
    int FailedReads,
    int ReadsAfterAnAcknowledgedWrite,
    IReadOnlyList<StaleRead> StaleReads)
{
    /// <summary>How long each successful write took from request to response, in ascending order.</summary>
    public IReadOnlyList<double> WriteMilliseconds { get; init; } = [];

    /// <summary>The <paramref name="fraction"/> quantile of the write times (nearest rank), or 0 without writes.</summary>
    public double WriteQuantile(double fraction) =>
        WriteMilliseconds.Count == 0 ? 0 : WriteMilliseconds[Math.Clamp((int)Math.Ceiling(fraction * WriteMilliseconds.Count) - 1, 0, WriteMilliseconds.Count - 1)];

    public override string ToString() =>
        $"{Writes} writes ({FailedWrites} failed; p50 {WriteQuantile(0.5):F1} ms, p99 {WriteQuantile(0.99):F1} ms), {Reads} reads ({FailedReads} failed), {ReadsAfterAnAcknowledgedWrite} started after an acknowledged write, {StaleReads.Count} stale";
}
