using System.Diagnostics;
using Leads.Infrastructure.Caching.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// Keeps this instance entitled to trust what it remembers (ADR 0004): it pings itself through the invalidation
/// channel every <see cref="CoherenceOptions.PingInterval"/> (the <see cref="InvalidationListener"/> notes each
/// ping that comes back) and renews its entry in the live-instance set every
/// <see cref="CoherenceOptions.HeartbeatInterval"/>. When Redis or the channel is slow or gone, the pings stop
/// coming back and the instance fences itself within <see cref="CoherenceOptions.FenceAfter"/>.
/// </summary>
public sealed class BusBeacon(RedisGuard redis, InvalidationChannel channel, LiveInstances instances, IOptions<CachingOptions> options) : BackgroundService
{
    private readonly CoherenceOptions _coherence = options.Value.Coherence;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_coherence.Enabled)
        {
            await instances.LeaveAsync();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_coherence.Enabled)
        {
            return Task.CompletedTask;
        }

        // Pings go out from a thread of their own: a saturated thread pool must not delay them (see InvalidationChannel).
        new Thread(() => Ping(stoppingToken)) { IsBackground = true, Name = "leads-bus-ping" }.Start();
        return AnnounceAsync(stoppingToken);
    }

    private void Ping(CancellationToken stoppingToken)
    {
        do
        {
            if (redis.IsAvailable)
            {
                channel.Ping(Stopwatch.GetTimestamp());
            }
        }
        while (!stoppingToken.WaitHandle.WaitOne(_coherence.PingInterval));
    }

    private async Task AnnounceAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_coherence.HeartbeatInterval);
        do
        {
            await instances.AnnounceAsync(stoppingToken);
        }
        while (await Tick(timer, stoppingToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
