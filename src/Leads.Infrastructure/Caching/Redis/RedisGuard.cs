using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Redis;

/// <summary>
/// Runs every Redis call of the cache under a timeout and a circuit breaker (Polly), so a frozen Redis costs a
/// request at most the timeout and, once the circuit opens, nothing. Callers get false instead of an exception
/// and fall back to the source of truth.
/// <para>
/// The circuit needs many failed calls before it opens (its window still holds the successes from before the
/// freeze), and each of them waits the whole timeout. So the guard also decides without waiting once it has
/// evidence: a call that passes <see cref="RedisResilienceOptions.SoftTimeout"/> while no other call succeeded for as
/// long marks Redis as stuck (every call shares one connection, so later ones would queue behind it; a busy but
/// healthy Redis keeps answering the others); from then until a call succeeds, one
/// <see cref="RedisWait.Brief"/> call at a time is let through as a probe and every other one fails at once. A brief
/// caller gives up as soon as Redis is stuck, even as the probe: at most a soft timeout after the last answer, plus
/// one soft timeout of its own; its call finishes in the background (and its success ends the stuck state). A slow
/// call while others are answered (a CPU-starved process, not a frozen Redis) keeps waiting up to the operation
/// timeout, so load alone does not send reads to the database. A skipped read means what a failed one means (no entry, no generation: the source of
/// truth, nothing stored), so the invalidation rules are the same as for a timeout. Calls that wait for their
/// outcome (bumps, messages) are never skipped: they keep the operation timeout and the circuit.
/// </para>
/// </summary>
public sealed class RedisGuard
{
    private readonly ResiliencePipeline _pipeline;
    private readonly RedisConnection _connection;
    private readonly CacheMetrics _metrics;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly TimeSpan _softTimeout;
    private readonly bool _softEnabled;
    private volatile bool _stuck;
    private int _probing;

    // When a call last succeeded: a slow call is evidence of a stuck Redis only if nothing answered meanwhile (a busy
    // but healthy Redis keeps answering other calls while one is slow).
    private long _lastSuccess = Stopwatch.GetTimestamp();
    private readonly long _softTicks;

    public RedisGuard(RedisConnection connection, IOptions<CachingOptions> options, CacheMetrics metrics)
    {
        _connection = connection;
        _metrics = metrics;
        var redis = options.Value.Redis;
        _softTimeout = redis.SoftTimeout;
        _softEnabled = redis.SoftTimeout > TimeSpan.Zero && redis.SoftTimeout < redis.OperationTimeout;
        _softTicks = (long)(redis.SoftTimeout.TotalSeconds * Stopwatch.Frequency);
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

    /// <summary>True from a call that passed the soft timeout until a call succeeds: calls other than the probe are skipped.</summary>
    public bool IsStuck => _stuck;

    /// <summary>The circuit breaker's state for operators: closed, open, half-open or isolated.</summary>
    public CircuitState CircuitState => _circuit.CircuitState;

    public IDatabase Database => _connection.Database;

    public IConnectionMultiplexer Multiplexer => _connection.Multiplexer;

    /// <summary>
    /// Runs <paramref name="operation"/>; on timeout, Redis error, open circuit, or a skip while Redis is stuck returns
    /// (false, default). <paramref name="wait"/> says whether the caller may give up at the soft timeout.
    /// </summary>
    public async ValueTask<(bool Ok, TResult? Result)> TryAsync<TState, TResult>(
        TState state,
        Func<IDatabase, TState, Task<TResult>> operation,
        CancellationToken cancellationToken,
        RedisWait wait = RedisWait.ForOutcome)
    {
        if (!_connection.IsConnected)
        {
            _metrics.RedisFailure("disconnected", wait);
            return (false, default);
        }

        // Only reads are decided without Redis: a skipped bump would be deferred, and a deferral makes this instance
        // bypass every cache until it lands, which under load costs far more than the bump's wait.
        var probe = false;
        if (_stuck && wait == RedisWait.Brief)
        {
            if (Interlocked.CompareExchange(ref _probing, 1, 0) != 0)
            {
                _metrics.RedisFailure("stuck", wait);
                return (false, default);
            }

            probe = true;
        }

        using var activity = Application.Common.Diagnostics.LeadsTracing.Source.StartActivity("redis", ActivityKind.Client);
        activity?.SetTag("db.system.name", "redis");
        var call = _pipeline.ExecuteAsync(
            static async (context, ct) => await context.Operation(context.Database, context.State).WaitAsync(ct),
            (Operation: operation, State: state, Database: _connection.Database),
            cancellationToken).AsTask();
        // A slow call on a busy but healthy Redis keeps waiting (others are answered meanwhile); a brief one gives up
        // as soon as Redis is stuck: nothing answered for a soft timeout, seen by this call or another one.
        while (_softEnabled && !call.IsCompleted)
        {
            await ((Task)call).WaitAsync(_softTimeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (call.IsCompleted)
            {
                break;
            }

            if (Stopwatch.GetTimestamp() - Volatile.Read(ref _lastSuccess) > _softTicks)
            {
                _stuck = true;
            }

            if ((wait == RedisWait.Brief && _stuck) || cancellationToken.IsCancellationRequested)
            {
                FinishInBackground(call, probe, wait);
                cancellationToken.ThrowIfCancellationRequested();
                activity?.SetStatus(ActivityStatusCode.Error, "soft-timeout");
                _metrics.RedisFailure("soft-timeout", wait);
                return (false, default);
            }

            if (wait != RedisWait.Brief)
            {
                break;
            }
        }

        try
        {
            var result = await call;
            Succeeded();
            return (true, result);
        }
        catch (BrokenCircuitException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "circuit-open");
            _metrics.RedisFailure("circuit-open", wait);
            return (false, default);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutRejectedException or TimeoutException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            _metrics.RedisFailure(FailureKind(ex), wait);
            return (false, default);
        }
        finally
        {
            if (probe)
            {
                Volatile.Write(ref _probing, 0);
            }
        }
    }

    /// <summary>
    /// A call its caller stopped waiting for: its success still ends the stuck state, its failure is still counted,
    /// and a probe's slot is freed only when it is over, so at most one call at a time queues behind a stuck Redis.
    /// </summary>
    private void FinishInBackground<TResult>(Task<TResult> call, bool probe, RedisWait wait)
    {
        _ = call.ContinueWith(
            static (done, state) =>
            {
                var (guard, wasProbe, waited) = ((RedisGuard, bool, RedisWait))state!;
                if (done.IsCompletedSuccessfully)
                {
                    guard.Succeeded();
                }
                else if (done.Exception?.InnerException is { } error)
                {
                    guard._metrics.RedisFailure(error is BrokenCircuitException ? "circuit-open" : "late-" + FailureKind(error), waited);
                }

                if (wasProbe)
                {
                    Volatile.Write(ref guard._probing, 0);
                }
            },
            (this, probe, wait),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Succeeded()
    {
        Volatile.Write(ref _lastSuccess, Stopwatch.GetTimestamp());
        if (_stuck)
        {
            _stuck = false;
        }
    }

    private static string FailureKind(Exception ex) => ex is RedisConnectionException or RedisServerException ? "error" : "timeout";
}
