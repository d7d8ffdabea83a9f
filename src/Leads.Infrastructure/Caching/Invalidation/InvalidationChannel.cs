using System.Globalization;
using Leads.Infrastructure.Caching.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// The pub/sub channel <c>{prefix}:invalidation</c> shared by every instance of one environment, and each
/// instance's acknowledgement channel <c>{prefix}:invalidation:ack:{origin}</c>. Publishing runs under the same
/// timeout and circuit breaker as every other cache call, so a slow Redis cannot hold up a write. Messages of the
/// shared channel are handled one at a time in the order Redis sent them: a ping that comes back proves that
/// everything published before it has been applied (ADR 0004).
/// </summary>
public sealed partial class InvalidationChannel(RedisGuard redis, IOptions<CachingOptions> options, ILogger<InvalidationChannel> logger)
{
    private readonly string _prefix = options.Value.KeyPrefix;
    // Routed like a key on Redis Cluster: every instance publishes and subscribes on the node of the channel's
    // slot, so all messages pass one node and keep one order (unrouted channels are spread over the nodes and
    // forwarded over the cluster bus, which orders nothing across publishers).
    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.KeyPrefix + ":invalidation").WithKeyRouting();

    /// <summary>This instance's identity in messages, so it can skip what it sent itself where that matters.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>True once Redis accepted the message.</summary>
    public async Task<bool> PublishAsync(InvalidationMessage message)
    {
        var (ok, _) = await redis.TryAsync(
            (Channel: _channel, Message: (RedisValue)message.Format()),
            static (db, s) => db.PublishAsync(s.Channel, s.Message),
            CancellationToken.None);
        if (!ok && message.Kind != InvalidationKind.Ping)
        {
            LogPublishFailed(message.Kind);
        }

        return ok;
    }

    /// <summary>
    /// Subscribes and hands every message to <paramref name="onMessage"/>, one at a time in order, on a thread of
    /// its own until <paramref name="stop"/>: under a saturated thread pool, messages (and this instance's pings)
    /// would otherwise wait in its queue and the instance would fence itself although Redis answers at once.
    /// </summary>
    public async Task SubscribeAsync(Action<InvalidationMessage> onMessage, CancellationToken stop)
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(_channel);
        new Thread(() => Drain(queue, onMessage, stop)) { IsBackground = true, Name = "leads-invalidation" }.Start();
    }

    /// <summary>Publishes a ping without waiting for Redis's answer (the ping coming back is the answer); never throws.</summary>
    public void Ping(long sentAt)
    {
        try
        {
            redis.Multiplexer.GetSubscriber().Publish(_channel, InvalidationMessage.Ping(Origin, sentAt).Format(), CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Disconnected: no ping comes back, and the instance fences itself.
        }
    }

    /// <summary>Tells <paramref name="writer"/> that this instance applied its message <paramref name="ackId"/>; fire and forget.</summary>
    public void Acknowledge(string writer, long ackId)
    {
        var payload = (RedisValue)string.Concat(Origin, ".", ackId.ToString(CultureInfo.InvariantCulture));
        _ = redis.TryAsync(
            (Channel: AckChannel(writer), Payload: payload),
            static (db, s) => db.PublishAsync(s.Channel, s.Payload),
            CancellationToken.None).AsTask();
    }

    /// <summary>Listens on this instance's acknowledgement channel: <paramref name="onAck"/> gets the acknowledging instance and the ack id.</summary>
    public Task SubscribeAcknowledgementsAsync(Action<string, long> onAck) =>
        redis.Multiplexer.GetSubscriber().SubscribeAsync(AckChannel(Origin), (_, value) =>
        {
            var text = value.IsNullOrEmpty ? string.Empty : value.ToString();
            var dot = text.LastIndexOf('.');
            if (dot > 0 && long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ackId))
            {
                onAck(text[..dot], ackId);
            }
        });

    private static void Drain(ChannelMessageQueue queue, Action<InvalidationMessage> onMessage, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && !queue.Completion.IsCompleted)
        {
            var received = false;
            while (queue.TryRead(out var item))
            {
                received = true;
                if (InvalidationMessage.TryParse(item.Message, out var message))
                {
                    onMessage(message);
                }
            }

            // Polling a millisecond at a time keeps this thread off the thread pool (an awaited read resumes there).
            if (!received)
            {
                Thread.Sleep(1);
            }
        }
    }

    private RedisChannel AckChannel(string origin) => RedisChannel.Literal(string.Concat(_prefix, ":invalidation:ack:", origin));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing a cache invalidation ({Kind}) failed: Redis did not accept the message in time")]
    private partial void LogPublishFailed(InvalidationKind kind);
}
