namespace Leads.Infrastructure.Caching.Monitoring;

public sealed class MonitoringOptions
{
    /// <summary>One lookup in this many is counted for the hot-key ranking.</summary>
    public int HotKeySampleRate { get; set; } = 8;

    public TimeSpan MemorySampleInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Counters kept per hot-key level and bucket (Space-Saving): estimates are at most 1/capacity of the bucket's lookups too high.</summary>
    public int HotKeyCapacity { get; set; } = 64;

    /// <summary>Length of one hot-key bucket (a column of the dashboard's heat map).</summary>
    public TimeSpan HotKeyBucket { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Hot-key buckets kept; the oldest is reused.</summary>
    public int HotKeyBuckets { get; set; } = 30;

    /// <summary>How often the dashboard's timeline samples the counters.</summary>
    public TimeSpan TimelineInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeline points kept (at the default interval, 10 minutes).</summary>
    public int TimelinePoints { get; set; } = 120;

    /// <summary>Share of Redis maxmemory above which a warning is logged.</summary>
    public double MemoryWarningRatio { get; set; } = 0.8;
}
