using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

public sealed class CacheStatsTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    private const int Reads = 400;

    [Fact]
    public async Task Cache_stats_show_hit_ratios_hot_keys_and_redis_memory_to_admins()
    {
        // Statistics count since the instance started and the host is shared, so the test works with differences.
        var admin = await Factory.CreateAdminClientAsync();
        var before = LeadsListCounts(await admin.GetFromJsonAsync<JsonElement>("/api/admin/cache/stats"));
        var salesA = await Factory.CreateSalesAClientAsync();
        // A search nothing matches: the page has no bodies, so its key is the one this test makes hot, hotter
        // than the lead rows every other test's list reads warm on this shared host.
        for (var i = 0; i < Reads; i++)
        {
            (await salesA.GetAsync("/api/leads?pageSize=7&search=matches-no-lead-" + nameof(CacheStatsTests))).EnsureSuccessStatusCode();
        }

        var stats = await admin.GetFromJsonAsync<JsonElement>("/api/admin/cache/stats?hotKeys=10");
        var after = LeadsListCounts(stats);

        (after.Misses - before.Misses).Should().Be(1, "only the first of the reads missed");
        (after.Hits - before.Hits).Should().Be(Reads - 1);
        after.Level.Should().Be("api");

        var hotKeys = stats.GetProperty("hotKeys").EnumerateArray().Select(k => k.GetProperty("key").GetString()).ToArray();
        hotKeys.Should().Contain(k => k!.StartsWith("api:LeadsList:teams-", StringComparison.Ordinal), "the list was read {0} times (hot keys are sampled one in eight)", Reads);
        hotKeys.Should().HaveCountLessThanOrEqualTo(10);

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

    private static (string? Level, long Hits, long Misses) LeadsListCounts(JsonElement stats)
    {
        var list = stats.GetProperty("policies").EnumerateArray().SingleOrDefault(p => p.GetProperty("policy").GetString() == "LeadsList");
        return list.ValueKind == JsonValueKind.Undefined
            ? (null, 0, 0)
            : (list.GetProperty("level").GetString(), list.GetProperty("hitsL1").GetInt64() + list.GetProperty("hitsL2").GetInt64(), list.GetProperty("misses").GetInt64());
    }
}
