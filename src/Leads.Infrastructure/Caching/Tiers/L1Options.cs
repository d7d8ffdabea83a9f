namespace Leads.Infrastructure.Caching.Tiers;

public sealed class L1Options
{
    public bool Enabled { get; set; } = true;

    /// <summary>Upper bound of the in-process tier, counted in payload bytes.</summary>
    public long SizeLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// An L1 entry lives at most this long even if its policy allows more. It bounds how long an instance
    /// could serve an entry whose invalidation message it never received.
    /// </summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(60);
}
