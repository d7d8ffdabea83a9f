using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>A private redis-server and an API host that uses it; the server is stopped when the tests are done.</summary>
public sealed class RedisOutageFixture : IAsyncLifetime
{
    public RedisServerProcess Redis { get; private set; } = null!;

    public OwnRedisApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServerProcess.StartAsync();
        Factory = new OwnRedisApiFactory(Redis.ConnectionString);
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
