using Leads.Infrastructure.Caching.Monitoring;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// At start-up the API reads Redis's <c>maxmemory-policy</c> and warns when it may evict keys without a TTL (an
/// <c>allkeys-*</c> policy): the cache stays correct (its counters come back above their floor), but other data in
/// the same Redis would be lost. Each test runs its own redis-server.
/// </summary>
public sealed class RedisEvictionPolicyTests
{
    [Theory]
    [InlineData("allkeys-lru", true)]
    [InlineData("volatile-lru", false)]
    [InlineData("noeviction", false)]
    public async Task The_start_up_check_warns_exactly_when_tag_generations_could_be_evicted(string policy, bool warns)
    {
        using var redis = await RedisServerProcess.StartAsync("--maxmemory", "64mb", "--maxmemory-policy", policy);
        var factory = new LoggedRedisApiFactory(redis.ConnectionString);
        try
        {
            await factory.InitializeAsync();
            await ExpectAsync(factory, policy, warns);
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }

    private static async Task ExpectAsync(LoggedRedisApiFactory factory, string policy, bool warns)
    {
        // The monitor samples at start-up; sampling again here waits for a connected server whatever the timing.
        var monitor = factory.Services.GetRequiredService<RedisMemoryMonitor>();
        await Poll.UntilAsync(async () => (await monitor.SampleAsync())?.EvictionPolicy == policy, TimeSpan.FromSeconds(10), "a sample of Redis's policy");

        monitor.Last!.MayEvictTagGenerations.Should().Be(warns);
        var policyMessages = factory.Logs.Entries.Where(e => e.Message.StartsWith("Redis maxmemory-policy is " + policy, StringComparison.Ordinal)).ToArray();
        policyMessages.Should().ContainSingle("the policy is reported once, not on every sample");
        policyMessages[0].Level.Should().Be(warns ? LogLevel.Warning : LogLevel.Information);
    }
}
