using System.Diagnostics.Metrics;
using System.Globalization;
using Leads.Infrastructure.Caching.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>
/// Samples Redis memory (INFO memory) every <see cref="MonitoringOptions.MemorySampleInterval"/>, exposes it as
/// gauges and logs a warning when usage passes <see cref="MonitoringOptions.MemoryWarningRatio"/> of maxmemory,
/// so an operator hears about eviction pressure before the hit ratio drops. Its first sample, at start-up, also
/// checks the eviction policy: a warning when Redis may evict keys without a TTL (checked again whenever
/// the policy reported changes, e.g. after a failover to a differently configured server).
/// </summary>
public sealed partial class RedisMemoryMonitor : BackgroundService
{
    private readonly RedisGuard _redis;
    private readonly MonitoringOptions _options;
    private readonly ILogger<RedisMemoryMonitor> _logger;
    private RedisMemorySample? _last;
    private string? _checkedPolicy;

    public RedisMemoryMonitor(RedisGuard redis, IOptions<CachingOptions> options, IMeterFactory meterFactory, ILogger<RedisMemoryMonitor> logger)
    {
        _redis = redis;
        _options = options.Value.Monitoring;
        _logger = logger;
        var meter = meterFactory.Create(CacheMetrics.MeterName);
        meter.CreateObservableGauge("leads.cache.redis.memory.used", () => _last?.UsedBytes ?? 0, "By", "Redis used_memory at the last sample.");
        meter.CreateObservableGauge("leads.cache.redis.memory.max", () => _last?.MaxBytes ?? 0, "By", "Redis maxmemory (0 = no limit).");
    }

    public RedisMemorySample? Last => _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.MemorySampleInterval);
        do
        {
            await SampleAsync();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<RedisMemorySample?> SampleAsync()
    {
        var server = _redis.Multiplexer.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica);
        if (server is null)
        {
            return _last;
        }

        try
        {
            var memory = await server.InfoAsync("memory").WaitAsync(TimeSpan.FromSeconds(2));
            var stats = await server.InfoAsync("stats").WaitAsync(TimeSpan.FromSeconds(2));
            var values = memory.Concat(stats).SelectMany(group => group)
                .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            var used = Parse(values, "used_memory");
            var max = Parse(values, "maxmemory");
            _last = new RedisMemorySample(
                used, max, DateTimeOffset.UtcNow, Parse(values, "evicted_keys"), values.GetValueOrDefault("maxmemory_policy", string.Empty));
            CheckEvictionPolicy(_last);
            if (max > 0 && used > max * _options.MemoryWarningRatio)
            {
                LogMemoryHigh(used, max);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Monitoring must never take the API down; Redis health is reported by the connection events and the circuit breaker.
            LogSampleFailed(ex.Message);
        }

        return _last;
    }

    private void CheckEvictionPolicy(RedisMemorySample sample)
    {
        if (sample.EvictionPolicy.Length == 0 || string.Equals(Interlocked.Exchange(ref _checkedPolicy, sample.EvictionPolicy), sample.EvictionPolicy, StringComparison.Ordinal))
        {
            return;
        }

        if (sample.MayEvictTagGenerations)
        {
            LogEvictionPolicyUnsafe(sample.EvictionPolicy);
        }
        else
        {
            LogEvictionPolicySafe(sample.EvictionPolicy);
        }
    }

    private static long Parse(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis maxmemory-policy is {Policy}: under memory pressure Redis may also evict keys without a TTL. Every key of the cache has one (tag counters come back above their floor, so the cache stays correct), but other data kept in this Redis would be lost. volatile-lru is recommended; see docs/operations.md")]
    private partial void LogEvictionPolicyUnsafe(string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis maxmemory-policy is {Policy}: tag-generation counters (no TTL) are never evicted")]
    private partial void LogEvictionPolicySafe(string policy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sampling Redis memory failed: {Reason}")]
    private partial void LogSampleFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis memory is high: {UsedBytes} of {MaxBytes} bytes used; expect evictions")]
    private partial void LogMemoryHigh(long usedBytes, long maxBytes);
}
