using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>A host (own database and key prefix) on a Redis of its own, which tests may kill or freeze.</summary>
public sealed class OwnRedisApiFactory : LeadsApiFactory
{
    private readonly string _redis;

    public OwnRedisApiFactory(string redisConnectionString)
    {
        _redis = redisConnectionString;

        // The production circuit stays open 3 s after Redis failed; 1 s keeps the outage tests short and changes
        // nothing about what they check.
        Settings["Caching:Redis:BreakDuration"] = "00:00:01";
    }

    public override string RedisConnectionString => _redis;
}
