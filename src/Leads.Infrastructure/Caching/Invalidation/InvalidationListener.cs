using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Caching.Tiers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// Keeps this instance's in-process state coherent with the others, and owns every decision to forget it:
/// <list type="bullet">
/// <item>applies other instances' messages (new tag generations, removed keys, "drop your L1") in the order they
/// were published, then acknowledges them to their writer (ADR 0004);</item>
/// <item>notes its own pings coming back (<see cref="TagGenerations.Synced"/>) and other instances' pings;</item>
/// <item>while the subscription is down, stops trusting remembered generations (every lookup asks Redis);</item>
/// <item>after a (re)subscription, drops L1 and remembered generations: messages may have been missed;</item>
/// <item>does the same when a tag counter turns out lower than remembered (a failover that lost INCRs), and when
/// the Redis primary this instance writes to changed (<see cref="RedisPrimaryWatch"/>, ADR 0005);</item>
/// <item>replays deferred invalidations on a timer and on reconnect.</item>
/// </list>
/// </summary>
public sealed partial class InvalidationListener : BackgroundService
{
    private readonly Outage.OutageGenerations _outage;
    private readonly RedisGuard _redis;
    private readonly TagGenerations _generations;
    private readonly L1Cache _l1;
    private readonly InvalidationChannel _channel;
    private readonly DeferredInvalidations _deferred;
    private readonly InvalidationBroadcaster _broadcaster;
    private readonly LiveInstances _instances;
    private readonly ILogger<InvalidationListener> _logger;
    private readonly TimeSpan _retryInterval;
    private volatile bool _subscribed;

    public InvalidationListener(
        RedisGuard redis,
        TagGenerations generations,
        L1Cache l1,
        InvalidationChannel channel,
        DeferredInvalidations deferred,
        InvalidationBroadcaster broadcaster,
        LiveInstances instances,
        RedisPrimaryWatch primary,
        Outage.OutageGenerations outage,
        IOptions<CachingOptions> options,
        ILogger<InvalidationListener> logger)
    {
        _redis = redis;
        _outage = outage;
        _generations = generations;
        _l1 = l1;
        _channel = channel;
        _deferred = deferred;
        _broadcaster = broadcaster;
        _instances = instances;
        _logger = logger;
        _retryInterval = options.Value.Redis.RetryPendingInterval;
        redis.Multiplexer.ConnectionRestored += (_, e) =>
        {
            ForgetLocalState(trustAgain: e.ConnectionType == ConnectionType.Subscription);
            _ = _deferred.FlushAsync(CancellationToken.None);
            _ = primary.SettleIfUnchangedAsync();
        };
        redis.Multiplexer.ConnectionFailed += (_, e) =>
        {
            // Without the subscription this instance hears of no other instance's invalidation: until it is back,
            // every lookup reads the current generations from Redis instead of the ones it remembers.
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                _generations.Distrust();
            }
            else
            {
                // The server it reconnects to may answer with older data (a demoted primary); nothing stamped with
                // it is used until a look at the primaries says they are the same (or the replay after a switch ran).
                primary.Suspect();
            }

            _l1.Clear();
        };
        generations.ResetDetected += () =>
        {
            LogResetDetected();
            ForgetLocalState(trustAgain: false);
        };

        // What this instance remembers may come from the old primary's data; the relay replays the outbox window.
        primary.Switched += () => ForgetLocalState(trustAgain: false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_retryInterval);
        do
        {
            try
            {
                if (!_subscribed && _redis.IsAvailable)
                {
                    await _channel.SubscribeAcknowledgementsAsync(_broadcaster.OnAcknowledged);
                    await _channel.SubscribeAsync(OnMessage, stoppingToken);
                    _subscribed = true;

                    // Anything learned before the subscription existed may already be outdated.
                    ForgetLocalState(trustAgain: false);
                }

                await _deferred.FlushAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogBackgroundFailure(ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Drops L1 and the remembered generations; with <paramref name="trustAgain"/>, remembered generations are trusted again from now on.</summary>
    private void ForgetLocalState(bool trustAgain)
    {
        // Forget first, then trust again: nothing learned before the gap may be reused.
        _generations.Forget();
        if (trustAgain)
        {
            _generations.Trust();
        }

        _l1.Clear();
    }

    private void OnMessage(InvalidationMessage message)
    {
        var mine = message.Origin == _channel.Origin;
        if (message.Kind == InvalidationKind.Ping)
        {
            if (mine)
            {
                _generations.Synced(message.SentAt);
            }
            else
            {
                _instances.Heard(message.Origin);
            }

            return;
        }

        switch (message.Kind)
        {
            case InvalidationKind.Tags:
                foreach (var (tag, generation) in message.Generations)
                {
                    _generations.Observe(tag, generation);
                }

                break;
            case InvalidationKind.Key:
                _l1.Remove(message.Key);
                break;
            case InvalidationKind.Clear when !mine:
                _l1.Clear();
                _outage.Restart();
                break;
        }

        // Only after applying it: the writer takes the acknowledgement as "this instance cannot serve the old data".
        if (message.AckId != 0 && !mine)
        {
            _channel.Acknowledge(message.Origin, message.AckId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A tag generation in Redis was lower than this instance had seen (a failover that lost writes?): local cache state dropped, counter raised")]
    private partial void LogResetDetected();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache invalidation background work failed: {Reason}")]
    private partial void LogBackgroundFailure(string reason);
}
