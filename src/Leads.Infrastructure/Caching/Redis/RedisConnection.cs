using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Redis;

/// <summary>
/// The one shared <see cref="ConnectionMultiplexer"/> (it is the connection pool). Created without blocking
/// start-up: with <c>abortConnect=false</c> the API starts while Redis is down and reconnects by itself, and
/// <see cref="BacklogPolicy.FailFast"/> makes commands fail at once instead of queueing while disconnected.
/// </summary>
public sealed partial class RedisConnection : IDisposable
{
    private readonly ILogger<RedisConnection> _logger;

    public RedisConnection(string configuration, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName ??= "leads-api";

        // INFO (memory monitoring) is an admin command for the client library; the cache issues no other one.
        options.AllowAdmin = true;
        Multiplexer = ConnectionMultiplexer.Connect(options);
        Multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(e.EndPoint?.ToString(), e.ConnectionType, e.FailureType);
        Multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(e.EndPoint?.ToString(), e.ConnectionType);
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database => Multiplexer.GetDatabase();

    public bool IsConnected => Multiplexer.IsConnected;

    public void Dispose() => Multiplexer.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} ({ConnectionType}) failed: {FailureType}; the cache is bypassed until it returns")]
    private partial void LogConnectionFailed(string? endPoint, ConnectionType connectionType, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} ({ConnectionType}) restored")]
    private partial void LogConnectionRestored(string? endPoint, ConnectionType connectionType);
}
