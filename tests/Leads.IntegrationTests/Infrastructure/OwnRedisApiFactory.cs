namespace Leads.IntegrationTests.Infrastructure;

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

        // The production circuit stays open 3 s after Redis failed; 1 s keeps the outage tests short and changes
        // nothing about what they check.
        Settings["Caching:Redis:BreakDuration"] = "00:00:01";
    }

    public override string RedisConnectionString => _redisConnectionString;
}
