namespace Leads.Infrastructure.Caching;

public sealed class RedisResilienceOptions
{
    /// <summary>
    /// A cache operation slower than this counts as failed and the request goes to Postgres. The clock includes
    /// the wait for a thread-pool thread, so on a saturated host a healthy Redis looks slow: 50 ms opened the
    /// circuit thousands of times at 2000 connections and pushed the load onto Postgres (docs/benchmarks.md);
    /// 250 ms did not, and the circuit still limits a frozen Redis to a handful of slow requests.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a read (<see cref="Redis.RedisWait.Brief"/>) waits before it goes to Postgres instead; the call itself
    /// runs on to <see cref="OperationTimeout"/> in the background. One call passing this bound while no other call succeeded for
    /// as long is the evidence that Redis is stuck: all calls share one connection, so the next ones would queue behind it. Until a call succeeds
    /// again, every read but one probe is decided at once without Redis (<see cref="Redis.RedisGuard"/>). A soft
    /// timeout is not a failure for the circuit, so a busy but healthy Redis does not open it. Values at or above
    /// <see cref="OperationTimeout"/> switch the soft bound off.
    /// </summary>
    public TimeSpan SoftTimeout { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the circuit stays open (cache bypassed) after Redis kept failing.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(3);

    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the ratio can open the circuit; keeps a short burst of slow calls from opening it.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Interval at which invalidations that could not reach Redis are retried.</summary>
    public TimeSpan RetryPendingInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
