using System.Net;
using System.Text.Json;
using Leads.Application.Caching;
using Leads.Application.Security;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Caching;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Warmup;

/// <summary>
/// After a bulk invalidation the instance reloads the hottest keys it knows, before it answers: the entries are
/// back in Redis without any client request, under the keys (and so the scopes) the real requests used, loaded
/// after the invalidation.
/// </summary>
public sealed class HotKeyWarmingTests(HotKeyWarmingApiFactory factory) : IClassFixture<HotKeyWarmingApiFactory>, IAsyncLifetime
{
    private static readonly string TeamAPartition = VisibilityScope.ForTeams([DemoData.TeamA]).PartitionKey;
    private static readonly string TeamBPartition = VisibilityScope.ForTeams([DemoData.TeamB]).PartitionKey;

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("all=true")]
    [InlineData("namespace=api")]
    [InlineData("pattern=LeadById:*")]
    public async Task Hot_keys_are_back_in_the_cache_after_a_bulk_removal_without_a_client_request(string target)
    {
        var (salesA, leadA) = await TrafficAsync();
        var before = await ApiProbe.RedisKeysAsync(factory, "api:*");
        var bodyBefore = await (await salesA.GetAsync($"/api/leads/{leadA}")).Content.ReadAsStringAsync();

        var result = await InvalidateAsync(target);

        var after = await ApiProbe.RedisKeysAsync(factory, "api:*");
        after.Should().Contain(before, "every key the traffic stored is hot and was reloaded");
        result.GetProperty("rewarmed").GetInt32().Should().Be(
            target.StartsWith("pattern", StringComparison.Ordinal) ? before.Count(k => k.Contains(":api:LeadById:", StringComparison.Ordinal)) : before.Count,
            "the count is the entries the reload stored: what the removal took");
        after.Should().HaveCount(before.Count, "the answer is stored again under the key the request used, no other");
        var again = await salesA.GetAsync($"/api/leads/{leadA}");
        ApiProbe.CacheStatus(again).Should().Contain("leads-api; hit").And.Contain("key=LeadById");
        (await again.Content.ReadAsStringAsync()).Should().Be(bodyBefore);
    }

    [Fact]
    public async Task A_tag_invalidation_re_warms_with_the_data_as_it_is_after_the_invalidation()
    {
        var (salesA, leadA) = await TrafficAsync();

        // Changed behind the cache's back: only the invalidation below tells the cache.
        await factory.WithDbAsync(db => db.Leads.Where(l => l.Id == leadA).ExecuteUpdateAsync(set => set.SetProperty(l => l.Notes, "changed before the flush")));
        var result = await InvalidateAsync("tag=" + CacheTags.Lead(leadA));

        result.GetProperty("rewarmed").GetInt32().Should().BePositive();
        var again = await salesA.GetAsync($"/api/leads/{leadA}");
        ApiProbe.CacheStatus(again).Should().Contain("leads-api; hit").And.Contain("key=LeadById");
        JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("notes").GetString().Should().Be("changed before the flush");
    }

    [Fact]
    public async Task A_re_warmed_entry_of_team_A_is_not_visible_to_team_B()
    {
        var (_, leadA) = await TrafficAsync();
        await InvalidateAsync("all=true");
        (await ApiProbe.RedisKeysAsync(factory, $"api:LeadById:{TeamAPartition}:{CacheKey.Parts(leadA)}")).Should().ContainSingle();

        var salesB = await factory.CreateSalesBClientAsync();
        var asB = await salesB.GetAsync($"/api/leads/{leadA}");

        asB.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ApiProbe.CacheStatus(asB).Should().NotContain("leads-api; hit");
        (await ApiProbe.RedisKeysAsync(factory, $"api:LeadById:{TeamBPartition}:*")).Should().BeEmpty();
        var pageOfB = await ApiProbe.LeadPageAsync(salesB);
        pageOfB.Items.Should().NotContain(l => l.Id == leadA).And.OnlyContain(l => l.TeamId == DemoData.TeamB);
    }

    /// <summary>Reads by two teams and an admin: lead bodies, list pages, the summary and the categories.</summary>
    private async Task<(HttpClient SalesA, Guid LeadA)> TrafficAsync()
    {
        var leadsOfA = await factory.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.Id).Select(l => l.Id).Take(2).ToListAsync());
        var salesA = await factory.CreateSalesAClientAsync();
        var salesB = await factory.CreateSalesBClientAsync();
        var admin = await factory.CreateAdminClientAsync();
        for (var i = 0; i < 3; i++)
        {
            foreach (var id in leadsOfA)
            {
                (await salesA.GetAsync($"/api/leads/{id}")).EnsureSuccessStatusCode();
            }

            (await salesA.GetAsync("/api/leads?pageSize=10")).EnsureSuccessStatusCode();
            (await salesA.GetAsync("/api/leads/summary")).EnsureSuccessStatusCode();
            (await salesB.GetAsync("/api/leads?pageSize=10")).EnsureSuccessStatusCode();
            (await admin.GetAsync("/api/leads/categories")).EnsureSuccessStatusCode();
        }

        return (salesA, leadsOfA[0]);
    }

    private async Task<JsonElement> InvalidateAsync(string target)
    {
        var admin = await factory.CreateAdminClientAsync();
        var response = await admin.DeleteAsync("/api/admin/cache?" + target);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
