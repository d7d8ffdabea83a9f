using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

/// <summary>An API host pointed at a Redis of the test's choosing: a private server to break, or a closed port.</summary>
public sealed class OwnRedisApiFactory(string redisConnectionString) : LeadsApiFactory
{
    public override string RedisConnectionString => redisConnectionString;
}
