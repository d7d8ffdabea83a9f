using Leads.Application.Caching;

namespace Leads.IntegrationTests.Caching;

/// <summary>Policies, keys and options for engine tests, built like the application builds them (through <see cref="CacheKey"/>).</summary>
public static class EngineSpec
{
    public const string PolicyName = "EngineSpec";

    public static CachePolicy Policy(TimeSpan? duration = null, bool useL1 = false, CacheLevel level = CacheLevel.Api) =>
        new(PolicyName, level, duration ?? TimeSpan.FromMinutes(5), Enabled: true, UseL1: useL1);

    public static CacheEntryOptions Options(CachePolicy policy, params string[] tags) => new(policy, tags);

    public static CacheKey Key(string id, CacheLevel level = CacheLevel.Api, string policy = PolicyName) =>
        new(level, policy, CacheKey.SharedPartition, id);

    /// <summary>A prefix no other test uses, so keys never collide across tests sharing a Redis.</summary>
    public static string UniquePrefix() => "spec-" + Guid.NewGuid().ToString("N")[..10];
}
