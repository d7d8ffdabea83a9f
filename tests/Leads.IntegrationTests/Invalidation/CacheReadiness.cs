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
}
