namespace Leads.Api.Hosting;

/// <summary><c>Caching:HotKeyWarming</c>: reloading the hottest keys after a bulk invalidation.</summary>
public sealed class HotKeyWarmingOptions
{
    public const string SectionName = "Caching:HotKeyWarming";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Service-level keys reloaded at most, hottest first. 32 is half a hot-key bucket's counters: the keys that
    /// carry the load, not the tail whose estimates are mostly error.
    /// </summary>
    public int MaxKeys { get; set; } = 32;

    /// <summary>Reloads run at once: each is a request's worth of Postgres work, so a flush does not turn into a burst.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// How long the invalidating request waits for the reloads at most. When it passes, no further key is started,
    /// the reloads under way stop being waited for (a load in flight still stores its entry), and the answer counts
    /// what was stored until then: a slow or locked database delays the admin's answer by this much, not by its
    /// command timeout per key.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
