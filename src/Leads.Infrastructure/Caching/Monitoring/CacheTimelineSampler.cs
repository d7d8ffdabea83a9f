using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>Takes a <see cref="CacheTimeline"/> sample at start and then every <see cref="MonitoringOptions.TimelineInterval"/>.</summary>
public sealed class CacheTimelineSampler(CacheTimeline timeline, IOptions<CachingOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Monitoring.TimelineInterval);
        do
        {
            timeline.Sample();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
