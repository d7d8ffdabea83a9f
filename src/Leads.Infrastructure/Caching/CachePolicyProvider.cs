using System.Collections.Concurrent;
using Leads.Application.Caching;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Caching;

/// <summary>Resolves policies from configuration over the design's defaults, and applies the per-level switches.</summary>
public sealed class CachePolicyProvider : ICachePolicyProvider
{
    private readonly ConcurrentDictionary<string, CachePolicy> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly IOptionsMonitor<CachingOptions> _options;

    public CachePolicyProvider(IOptionsMonitor<CachingOptions> options)
    {
        _options = options;

        // Reloaded configuration (e.g. a policy switched off) applies without a restart.
        options.OnChange(_ => _resolved.Clear());
    }

    public CachePolicy Get(string name) => _resolved.GetOrAdd(name, Resolve, _options.CurrentValue);

    private static CachePolicy Resolve(string name, CachingOptions current)
    {
        current.Policies.TryGetValue(name, out var configured);
        CachingOptions.DefaultPolicies.TryGetValue(name, out var defaults);
        if (configured is null && defaults is null)
        {
            throw new InvalidOperationException($"Cache policy '{name}' is not defined; add it under Caching:Policies.");
        }

        var level = configured?.Level ?? defaults?.Level ?? CacheLevel.Api;
        var levelEnabled = level == CacheLevel.Api ? current.ApiLevelEnabled : current.DbLevelEnabled;
        var duration = configured?.Duration ?? defaults?.Duration ?? TimeSpan.FromMinutes(1);
        var enabled = levelEnabled && (configured?.Enabled ?? defaults?.Enabled ?? true) && duration > TimeSpan.Zero;
        var useL1 = current.L1.Enabled && (configured?.UseL1 ?? defaults?.UseL1 ?? true);
        return new CachePolicy(name, level, duration, enabled, useL1);
    }
}
