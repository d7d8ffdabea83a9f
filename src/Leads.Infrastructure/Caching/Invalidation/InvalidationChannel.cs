using Leads.Infrastructure.Caching.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// The pub/sub channel <c>{prefix}:invalidation</c> shared by every instance of one environment. Publishing runs
/// under the same timeout and circuit breaker as every other cache call, so a slow Redis cannot hold up a write.
/// </summary>
public sealed partial class InvalidationChannel(RedisGuard redis, IOptions<CachingOptions> options, ILogger<InvalidationChannel> logger)
{
    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.KeyPrefix + ":invalidation");

    /// <summary>This instance's identity in messages, so it can skip what it sent itself where that matters.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    public async Task PublishAsync(InvalidationMessage message)
    {
        var (ok, _) = await redis.TryAsync(
            (Channel: _channel, Message: (RedisValue)message.Format()),
            static (db, s) => db.PublishAsync(s.Channel, s.Message),
            CancellationToken.None);
        if (!ok)
        {
            // Other instances reconnect (and drop their L1) or, at the latest after L1:MaxDuration, read the tag
            // generations from Redis again (TagGenerations) and stop serving what the bump invalidated.
            LogPublishFailed(message.Kind);
        }
    }

    public Task SubscribeAsync(Action<InvalidationMessage> onMessage) =>
        redis.Multiplexer.GetSubscriber().SubscribeAsync(_channel, (_, value) =>
        {
            if (InvalidationMessage.TryParse(value, out var message))
            {
                onMessage(message);
            }
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing a cache invalidation ({Kind}) failed: Redis did not accept the message in time")]
    private partial void LogPublishFailed(InvalidationKind kind);
}
