namespace Leads.Infrastructure.Caching.Monitoring;

public sealed class MonitoringOptions
{
    /// <summary>One lookup in this many is counted for the hot-key ranking.</summary>
    public int HotKeySampleRate { get; set; } = 8;

    public TimeSpan MemorySampleInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of Redis maxmemory above which a warning is logged.</summary>
    public double MemoryWarningRatio { get; set; } = 0.8;
}
