namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// A read that saw <see cref="SeenVersion"/> although <see cref="AcknowledgedVersion"/> had been acknowledged
/// <see cref="AfterAck"/> before it started, at <see cref="StartedAt"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).
/// </summary>
public sealed record StaleRead(Guid LeadId, string Source, long SeenVersion, long AcknowledgedVersion, TimeSpan AfterAck, long StartedAt);
