using System.Diagnostics;
using Leads.Infrastructure.Caching.Redis;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Invalidation;

public static class CacheReadiness
{
    /// <summary>
    /// Waits until a cacheable read is served through the cache rather than around it. Redis calls get 50 ms
    /// (Caching:Redis:OperationTimeout); the first ones of a freshly started host, or right after Redis came back,
    /// can take longer and are then bypassed, which a test asserting exact cache outcomes must not mistake for
    /// its own doing.
    /// </summary>
    public static async Task WaitUntilCacheIsUsedAsync(LeadsApiFactory factory)
    {
        using var anonymous = factory.CreateClient();
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var read = await anonymous.ReadAsync("/api/static/config");
            if (factory.Services.GetRequiredService<RedisConnection>().IsConnected
                && read.Level("leads-api").Length > 0
                && !read.Level("leads-api").Contains("fwd=bypass", StringComparison.Ordinal))
            {
                return;
            }

            Stopwatch.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(10), "the cache should be usable within seconds");
            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Reads until the instance behind <paramref name="client"/> stops calling a frozen Redis: a read that cost the
    /// 50 ms timeout per Redis call answers at once when the connection is marked down or the circuit is open (a few
    /// failed calls within 2 s open it).
    /// </summary>
    public static async Task WaitUntilRedisIsSkippedAsync(HttpClient client)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var read = Stopwatch.GetTimestamp();
            (await client.ReadAsync("/api/static/config")).Status.Should().Be(System.Net.HttpStatusCode.OK);
            if (Stopwatch.GetElapsedTime(read) < TimeSpan.FromMilliseconds(20))
            {
                return;
            }

            Stopwatch.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(10), "failing Redis calls open the circuit");
        }
    }
}
