using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// Takes a <see cref="CacheTimeline"/> sample at start and then every <see cref="MonitoringOptions.TimelineInterval"/>.
/// Taking the <see cref="CacheStateGauges"/> makes the container create them (and their instruments) with the host.
/// </summary>
public sealed class CacheTimelineSampler : BackgroundService
{
    private readonly CacheTimeline _timeline;
    private readonly TimeSpan _interval;

    public CacheTimelineSampler(CacheTimeline timeline, IOptions<CachingOptions> options, CacheStateGauges gauges)
    {
        _ = gauges;
        _timeline = timeline;
        _interval = options.Value.Monitoring.TimelineInterval;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            _timeline.Sample();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
