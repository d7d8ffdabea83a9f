using Leads.Infrastructure.Caching;

namespace Leads.Infrastructure;

/// <summary>The meters the Infrastructure publishes, for the host's metrics exporter.</summary>
public static class InfrastructureTelemetry
{
    public static string[] MeterNames => [CacheMetrics.MeterName];
}
