namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// Read-after-write across instances (docs/decisions/0004-read-after-write-across-instances.md). Every instance
/// of one environment must use the same <see cref="FenceAfter"/>: the writer's wait and the readers' fence are
/// two halves of one bound.
/// </summary>
public sealed class CoherenceOptions
{
    /// <summary>Off: writes do not wait for acknowledgements and remembered generations are trusted without a bus round trip (pub/sub is then best-effort, as before ADR 0004).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// An instance trusts its remembered generations only while its last confirmed round trip through the
    /// invalidation channel began less than this long ago; a write waits at most this long for the
    /// acknowledgements of the other live instances. 50 ms is the visibility goal of the design.
    /// </summary>
    public TimeSpan FenceAfter { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often an instance sends itself a ping through the channel; well below <see cref="FenceAfter"/>, so a healthy instance never fences itself.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How often an instance renews its entry in the live-instance set.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long an entry in the live-instance set lasts without renewal: after a crash, writes wait for the dead instance this long at most.</summary>
    public TimeSpan HeartbeatTtl { get; set; } = TimeSpan.FromSeconds(2);
}
