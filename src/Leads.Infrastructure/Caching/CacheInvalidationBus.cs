using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Leads.Infrastructure.Caching.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching;

/// <summary>
/// Keeps the in-process tier of every instance coherent and makes sure no invalidation is lost.
/// <list type="bullet">
/// <item>Tag bumps are published on <c>{prefix}:invalidation</c>; other instances record the new generation,
/// which turns their L1 copies into misses.</item>
/// <item>After a (re)connect an instance drops its L1 and its known generations: it may have missed messages.</item>
/// <item>A bump that cannot reach Redis is kept and retried; until it lands, this instance serves nothing from
/// any cache tier, so the data it just changed cannot be served stale by it.</item>
/// </list>
/// </summary>
public sealed partial class CacheInvalidationBus : BackgroundService
{
    private const char TagsMessage = 't';
    private const char ClearMessage = 'c';
    private const char KeyMessage = 'k';

    private readonly RedisGuard _redis;
    private readonly TagGenerations _generations;
    private readonly L1Cache _l1;
    private readonly CacheMetrics _metrics;
    private readonly ILogger<CacheInvalidationBus> _logger;
    private readonly RedisChannel _channel;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly TimeSpan _retryInterval;
    // Tag -> number of the latest deferral that named it, so a flush removes only what it applied.
    private readonly ConcurrentDictionary<string, long> _pendingTags = new(StringComparer.Ordinal);
    private long _deferrals;
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private volatile bool _subscribed;
    private long _issued;

    public CacheInvalidationBus(RedisGuard redis, TagGenerations generations, L1Cache l1, CacheMetrics metrics, IOptions<CachingOptions> options, ILogger<CacheInvalidationBus> logger)
    {
        _redis = redis;
        _generations = generations;
        _l1 = l1;
        _metrics = metrics;
        _logger = logger;
        _channel = RedisChannel.Literal(options.Value.KeyPrefix + ":invalidation");
        _retryInterval = options.Value.Redis.RetryPendingInterval;
        redis.Multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                // Clear first, then trust again: nothing learned before the gap may be reused.
                _generations.Clear();
                _generations.TrustLocal = true;
            }

            OnReconnected();
        };
        redis.Multiplexer.ConnectionFailed += (_, e) =>
        {
            // Without the subscription this instance hears of no other instance's invalidation: until it is back,
            // every lookup reads the current generations from Redis instead of the ones it remembers.
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                _generations.TrustLocal = false;
            }

            _l1.Clear();
        };
    }

    /// <summary>True while some invalidation has not reached Redis yet.</summary>
    public bool HasPending => !_pendingTags.IsEmpty;

    /// <summary>How many tag invalidations wait for Redis.</summary>
    public int PendingCount => _pendingTags.Count;

    /// <summary>
    /// How many invalidations this instance has issued. Loads that cannot be stamped (Redis unreachable) are
    /// shared only among callers that saw the same count, so a read that follows a write never joins a load
    /// that started before it.
    /// </summary>
    public long Issued => Interlocked.Read(ref _issued);

    /// <summary>Bumps <paramref name="tags"/> everywhere; never throws. Returns once the bump is in Redis, or recorded for retry.</summary>
    public async ValueTask InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _issued);
        var applied = await _generations.IncrementAsync(tags, cancellationToken);
        if (applied is null)
        {
            var deferral = Interlocked.Increment(ref _deferrals);
            foreach (var tag in tags)
            {
                _pendingTags[tag] = deferral;
            }

            // What this instance holds in L1 may be what just changed.
            _l1.Clear();
            _metrics.Invalidated(tags.Count, "deferred");
            LogDeferred(tags.Count);
            return;
        }

        _metrics.Invalidated(tags.Count, "applied");
        await PublishAsync(TagsMessage, string.Join(';', applied.Select(a => a.Key + "=" + a.Value.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>Tells every instance to drop one key from L1.</summary>
    public Task PublishKeyRemovedAsync(string key) => PublishAsync(KeyMessage, key);

    /// <summary>Tells every instance to drop its whole L1.</summary>
    public Task PublishClearAsync() => PublishAsync(ClearMessage, string.Empty);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_retryInterval);
        do
        {
            try
            {
                if (!_subscribed && _redis.IsAvailable)
                {
                    await _redis.Multiplexer.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnMessage(message));
                    _subscribed = true;

                    // Anything learned before the subscription existed may already be outdated.
                    _l1.Clear();
                    _generations.Clear();
                }

                await FlushPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogBackgroundFailure(ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void OnReconnected()
    {
        _l1.Clear();
        _generations.Clear();
        _ = FlushPendingAsync(CancellationToken.None);
    }

    private async Task FlushPendingAsync(CancellationToken cancellationToken)
    {
        if (_pendingTags.IsEmpty || !_redis.IsAvailable || !await _flushGate.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            var snapshot = _pendingTags.ToArray();
            var tags = snapshot.Select(p => p.Key).ToArray();
            var applied = await _generations.IncrementAsync(tags, cancellationToken);
            if (applied is null)
            {
                return;
            }

            // A tag deferred again while this bump was in flight belongs to a later commit: its own bump must
            // still happen, so it stays pending (removing by key alone would lose it).
            foreach (var entry in snapshot)
            {
                _pendingTags.TryRemove(entry);
            }

            _metrics.Invalidated(tags.Length, "replayed");
            LogReplayed(tags.Length);
            await PublishAsync(TagsMessage, string.Join(';', applied.Select(a => a.Key + "=" + a.Value.ToString(CultureInfo.InvariantCulture))));
        }
        finally
        {
            _flushGate.Release();
        }
    }

    private async Task PublishAsync(char kind, string body)
    {
        var message = (RedisValue)string.Concat(_origin, "\n", kind.ToString(), "\n", body);

        // Under the same timeout and circuit breaker as every other cache call, so a slow Redis cannot hold up
        // the write that is publishing.
        var (ok, _) = await _redis.TryAsync((Channel: _channel, Message: message), static (db, s) => db.PublishAsync(s.Channel, s.Message), CancellationToken.None);
        if (!ok)
        {
            // Other instances reconnect (and drop their L1) or, at the latest after L1:MaxDuration, read the tag
            // generations from Redis again (TagGenerations) and stop serving what the bump invalidated.
            LogPublishFailed("Redis did not accept the message in time");
        }
    }

    private void OnMessage(RedisValue value)
    {
        var text = (string?)value;
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var parts = text.Split('\n', 3);
        if (parts.Length != 3 || parts[1].Length != 1)
        {
            return;
        }

        switch (parts[1][0])
        {
            case TagsMessage:
                foreach (var pair in parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    var separator = pair.LastIndexOf('=');
                    if (separator > 0 && long.TryParse(pair.AsSpan(separator + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation))
                    {
                        _generations.Observe(pair[..separator], generation);
                    }
                }

                break;
            case KeyMessage:
                _l1.Remove(parts[2]);
                break;
            case ClearMessage:
                if (parts[0] != _origin)
                {
                    _l1.Clear();
                }

                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: {Count} tag invalidations deferred; this instance bypasses the cache until they are applied")]
    private partial void LogDeferred(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} deferred tag invalidations")]
    private partial void LogReplayed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing a cache invalidation failed: {Reason}")]
    private partial void LogPublishFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache invalidation background work failed: {Reason}")]
    private partial void LogBackgroundFailure(string reason);
}
