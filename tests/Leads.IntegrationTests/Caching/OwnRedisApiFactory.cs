using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// An API host pointed at a Redis of the test's choosing: a private server to break, or a closed port. It keeps
/// the production Redis timeout (50 ms), since the fault tests measure what that timeout bounds.
/// </summary>
public sealed class OwnRedisApiFactory : LeadsApiFactory
{
    private readonly string _redisConnectionString;

    public OwnRedisApiFactory(string redisConnectionString)
    {
        _redisConnectionString = redisConnectionString;
        Settings["Caching:Redis:OperationTimeout"] = "00:00:00.050";
    }

    public override string RedisConnectionString => _redisConnectionString;
}
