using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Tiers;

namespace Leads.Infrastructure.Caching;

/// <summary>Bound from the <c>Caching</c> section. Every duration and switch of the cache lives here.</summary>
public sealed class CachingOptions
{
    public const string SectionName = "Caching";

    /// <summary>First segment of every Redis key and of the invalidation channel; set one per environment sharing a Redis.</summary>
    public string KeyPrefix { get; set; } = "leads";

    /// <summary>Switches the service level (API responses) off entirely; requests then always run their handlers.</summary>
    public bool ApiLevelEnabled { get; set; } = true;

    /// <summary>Switches the database level (query results) off entirely.</summary>
    public bool DbLevelEnabled { get; set; } = true;

    /// <summary>Payloads larger than this many bytes are stored LZ4-compressed.</summary>
    public int CompressionThresholdBytes { get; set; } = 2048;

    public L1Options L1 { get; set; } = new();

    public RedisResilienceOptions Redis { get; set; } = new();

    public StampedeOptions Stampede { get; set; } = new();

    public Invalidation.CoherenceOptions Coherence { get; set; } = new();

    public Monitoring.MonitoringOptions Monitoring { get; set; } = new();

    public Outage.OutageOptions Outage { get; set; } = new();

    public Dictionary<string, CachePolicyOptions> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Policy defaults from the design; configuration overrides any field.</summary>
    public static IReadOnlyDictionary<string, CachePolicyOptions> DefaultPolicies { get; } = new Dictionary<string, CachePolicyOptions>(StringComparer.OrdinalIgnoreCase)
    {
        [CachePolicies.LeadsList] = new() { Level = CacheLevel.Api, Duration = TimeSpan.FromMinutes(5) },
        [CachePolicies.LeadById] = new() { Level = CacheLevel.Api, Duration = TimeSpan.FromMinutes(10) },
        [CachePolicies.LeadsSummary] = new() { Level = CacheLevel.Api, Duration = TimeSpan.FromMinutes(15) },
        [CachePolicies.Categories] = new() { Level = CacheLevel.Api, Duration = TimeSpan.FromMinutes(30) },
        [CachePolicies.StaticConfig] = new() { Level = CacheLevel.Api, Duration = TimeSpan.FromMinutes(60) },
        [CachePolicies.LeadRecord] = new() { Level = CacheLevel.Db, Duration = TimeSpan.FromMinutes(5) },
        [CachePolicies.LeadVisibility] = new() { Level = CacheLevel.Db, Duration = TimeSpan.FromMinutes(5) },
        [CachePolicies.LeadCounts] = new() { Level = CacheLevel.Db, Duration = TimeSpan.FromMinutes(2) },
        [CachePolicies.UserAccess] = new() { Level = CacheLevel.Db, Duration = TimeSpan.FromMinutes(1) },
    };
}
