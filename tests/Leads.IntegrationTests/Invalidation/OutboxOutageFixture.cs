using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// A private redis-server to freeze, and an API host on it with the production circuit breaker (open 3 s after
/// Redis kept failing) and relay settings, since the outbox tests measure the relay bound those settings give.
/// </summary>
public sealed class OutboxOutageFixture : IAsyncLifetime
{
    public RedisServerProcess Redis { get; private set; } = null!;

    public OwnRedisApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServerProcess.StartAsync();
        Factory = new OwnRedisApiFactory(Redis.ConnectionString);
        Factory.Settings["Caching:Redis:BreakDuration"] = "00:00:03";

        // What these tests specify is the relay, seen by the cache answering again once Redis does; reads answered
        // from L1 under outage stamps meanwhile would hide it (OutageReadsTests specify those).
        Factory.Settings["Caching:Outage:Enabled"] = "false";
        await Factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Factory.DisposeAsync();
        }
        finally
        {
            Redis.Dispose();
        }
    }
}
