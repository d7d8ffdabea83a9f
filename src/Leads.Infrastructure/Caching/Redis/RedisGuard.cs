using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Redis;

/// <summary>
/// Runs every Redis call of the cache under a short timeout and a circuit breaker (Polly), so a frozen Redis
/// costs a request at most the timeout and, once the circuit opens, nothing. Callers get false instead of an
/// exception and fall back to the source of truth.
/// </summary>
public sealed class RedisGuard
{
    private readonly ResiliencePipeline _pipeline;
    private readonly RedisConnection _connection;
    private readonly CacheMetrics _metrics;
    private readonly CircuitBreakerStateProvider _circuit = new();

    public RedisGuard(RedisConnection connection, IOptions<CachingOptions> options, CacheMetrics metrics)
    {
        _connection = connection;
        _metrics = metrics;
        var redis = options.Value.Redis;
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = redis.FailureRatio,
                MinimumThroughput = Math.Max(2, redis.MinimumThroughput),
                SamplingDuration = redis.SamplingDuration,
                BreakDuration = redis.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutRejectedException>().Handle<TimeoutException>(),
                StateProvider = _circuit,
            })
            .AddTimeout(redis.OperationTimeout)
            .Build();
    }

    /// <summary>True while the connection is up: when it is down the cache is bypassed, L1 included (it could be missing invalidations).</summary>
    public bool IsAvailable => _connection.IsConnected;

    /// <summary>The circuit breaker's state for operators: closed, open, half-open or isolated.</summary>
    public CircuitState CircuitState => _circuit.CircuitState;

    public IDatabase Database => _connection.Database;

    public IConnectionMultiplexer Multiplexer => _connection.Multiplexer;

    /// <summary>Runs <paramref name="operation"/>; on timeout, Redis error or open circuit returns (false, default).</summary>
    public async ValueTask<(bool Ok, TResult? Result)> TryAsync<TState, TResult>(
        TState state,
        Func<IDatabase, TState, Task<TResult>> operation,
        CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected)
        {
            _metrics.RedisFailure("disconnected");
            return (false, default);
        }

        using var activity = Application.Common.Diagnostics.LeadsTracing.Source.StartActivity("redis", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("db.system.name", "redis");
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static async (context, ct) => await context.Operation(context.Database, context.State).WaitAsync(ct),
                (Operation: operation, State: state, Database: _connection.Database),
                cancellationToken);
            return (true, result);
        }
        catch (BrokenCircuitException)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "circuit-open");
            _metrics.RedisFailure("circuit-open");
            return (false, default);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutRejectedException or TimeoutException)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            _metrics.RedisFailure(ex is RedisConnectionException or RedisServerException ? "error" : "timeout");
            return (false, default);
        }
    }
}
