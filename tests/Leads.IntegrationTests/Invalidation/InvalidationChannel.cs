using System.Diagnostics;
using Leads.Infrastructure.Caching.Redis;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Invalidation;

public static class InvalidationChannel
{
    /// <summary>
    /// Waits until <paramref name="expected"/> instances listen on the invalidation channel of
    /// <paramref name="factory"/>'s key prefix. An instance subscribes in the background after start-up and then
    /// drops its L1 once (it may have missed messages before), so a test that warms L1 earlier would see a miss
    /// it did not cause, and a message published earlier would be missed by design.
    /// </summary>
    public static async Task WaitForSubscribersAsync(LeadsApiFactory factory, long expected)
    {
        var multiplexer = factory.Services.GetRequiredService<RedisConnection>().Multiplexer;
        var server = multiplexer.GetServer(multiplexer.GetEndPoints()[0]);
        var channel = RedisChannel.Literal(factory.KeyPrefix + ":invalidation");
        var started = Stopwatch.GetTimestamp();
        while (await server.SubscriptionSubscriberCountAsync(channel) < expected)
        {
            Stopwatch.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(10), "API instances subscribe within seconds of starting");
            await Task.Delay(20);
        }
    }
}
