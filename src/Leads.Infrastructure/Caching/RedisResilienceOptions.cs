namespace Leads.Infrastructure.Caching;

public sealed class RedisResilienceOptions
{
    /// <summary>A cache operation slower than this counts as failed and the request goes to Postgres.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the circuit stays open (cache bypassed) after Redis kept failing.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(3);

    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 4;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval at which invalidations that could not reach Redis are retried.</summary>
    public TimeSpan RetryPendingInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
