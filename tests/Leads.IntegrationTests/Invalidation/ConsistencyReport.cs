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
    public override string ToString() =>
        $"{Writes} writes ({FailedWrites} failed), {Reads} reads ({FailedReads} failed), {ReadsAfterAnAcknowledgedWrite} started after an acknowledged write, {StaleReads.Count} stale";
}
