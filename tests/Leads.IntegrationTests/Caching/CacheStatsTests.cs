using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

public sealed class CacheStatsTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Cache_stats_show_hit_ratios_hot_keys_and_redis_memory_to_admins()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        for (var i = 0; i < 40; i++)
        {
            (await salesA.GetAsync("/api/leads?pageSize=7")).EnsureSuccessStatusCode();
        }

        var admin = await Factory.CreateAdminClientAsync();
        var stats = await admin.GetFromJsonAsync<JsonElement>("/api/admin/cache/stats?hotKeys=5");

        var list = stats.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("policy").GetString() == "LeadsList");
        list.GetProperty("level").GetString().Should().Be("api");
        list.GetProperty("misses").GetInt64().Should().BeGreaterThanOrEqualTo(1);
        (list.GetProperty("hitsL1").GetInt64() + list.GetProperty("hitsL2").GetInt64()).Should().BeGreaterThanOrEqualTo(39 - list.GetProperty("misses").GetInt64());
        list.GetProperty("hitRatio").GetDouble().Should().BeGreaterThan(0.9);

        var hotKeys = stats.GetProperty("hotKeys").EnumerateArray().Select(k => k.GetProperty("key").GetString()).ToArray();
        hotKeys.Should().Contain(k => k!.StartsWith("api:LeadsList:teams-", StringComparison.Ordinal), "the list was read 40 times");
        hotKeys.Should().HaveCountLessThanOrEqualTo(5);

        var redis = stats.GetProperty("redis");
        redis.GetProperty("connected").GetBoolean().Should().BeTrue();
        redis.GetProperty("usedMemoryBytes").GetInt64().Should().BeGreaterThan(0);
        stats.GetProperty("pendingInvalidations").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Cache_stats_are_for_admins_only()
    {
        var salesA = await Factory.CreateSalesAClientAsync();

        var response = await salesA.GetAsync("/api/admin/cache/stats");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
