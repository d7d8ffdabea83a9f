using Leads.Infrastructure.Caching;

namespace Leads.Infrastructure;

/// <summary>The meters the Infrastructure publishes, for the host's metrics exporter.</summary>
public static class InfrastructureTelemetry
{
    /// <summary>The cache's meter, for instruments the host adds to it (re-warming).</summary>
    public const string CacheMeterName = CacheMetrics.MeterName;

    public static string[] MeterNames => [CacheMetrics.MeterName];
}
