using System.Net;
using Leads.Application.Caching;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// The service-level cache as the API uses it: CachingBehavior serves repeated cacheable queries without the
/// handler or SQL, keeps one entry per visibility scope and never stores errors.
/// </summary>
public sealed class ServiceCacheTests(CachingApiFactory factory) : IClassFixture<CachingApiFactory>, IAsyncLifetime
{
    private static readonly string SalesAPartition = VisibilityScope.ForTeams([DemoData.TeamA]).PartitionKey;

    private LeadsApiFactory Factory => factory;

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetLeadById_is_served_from_the_service_cache_on_repeat_without_sql()
    {
        var client = await Factory.CreateSalesAClientAsync();

        // From the database: reading a list page would already have cached the lead's row at the database level.
        var id = await Factory.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());
        Factory.Queries.Reset();

        var first = await client.GetAsync($"/api/leads/{id}");
        var sqlForFirst = Factory.Queries.Count;
        Factory.Queries.Reset();
        var second = await client.GetAsync($"/api/leads/{id}");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        ApiProbe.CacheStatus(first).Should().Contain("leads-api; fwd=miss; stored; key=LeadById");
        sqlForFirst.Should().BeGreaterThan(0);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        ApiProbe.CacheStatus(second).Should().Contain("leads-api; hit").And.Contain("key=LeadById");
        ApiProbe.CacheStatus(second).Should().NotContain("key=LeadRecord", "the handler (and its repository read) did not run");
        Factory.Queries.Count.Should().Be(0);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await ApiProbe.RedisKeysAsync(Factory, $"api:LeadById:{SalesAPartition}:{CacheKey.Parts(id)}")).Should().ContainSingle();
    }

    [Fact]
    public async Task Lead_list_entries_are_kept_per_visibility_scope()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var admin = await Factory.CreateAdminClientAsync();

        var forSalesA = await salesA.GetAsync("/api/leads?pageSize=100");
        var forAdmin = await admin.GetAsync("/api/leads?pageSize=100");

        ApiProbe.CacheStatus(forSalesA).Should().Contain("leads-api; fwd=miss; stored; key=LeadsList");
        ApiProbe.CacheStatus(forAdmin).Should().Contain("leads-api; fwd=miss; stored; key=LeadsList", "the admin scope has its own entry for the same URL");
        var salesAPage = await ApiProbe.ReadAsync<PagedResult<LeadDto>>(forSalesA);
        var adminPage = await ApiProbe.ReadAsync<PagedResult<LeadDto>>(forAdmin);
        salesAPage.Items.Should().NotBeEmpty().And.OnlyContain(l => l.TeamId == DemoData.TeamA);
        adminPage.TotalCount.Should().Be(LeadsApiFactory.SeedLeads);
        var keys = await ApiProbe.RedisKeysAsync(Factory, "api:LeadsList:*");
        keys.Should().HaveCount(2);
        keys.Should().ContainSingle(k => k.Contains(":LeadsList:admin:", StringComparison.Ordinal));
        keys.Should().ContainSingle(k => k.Contains($":LeadsList:{SalesAPartition}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_of_another_team_never_gets_the_page_cached_for_sales_a()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var salesB = await Factory.CreateSalesBClientAsync();
        await ApiProbe.LeadPageAsync(salesA);
        (await salesA.GetAsync("/api/leads?pageSize=100")).Headers.GetValues("Cache-Status").Single().Should().Contain("leads-api; hit");

        var firstForB = await salesB.GetAsync("/api/leads?pageSize=100");
        var secondForB = await salesB.GetAsync("/api/leads?pageSize=100");

        ApiProbe.CacheStatus(firstForB).Should().Contain("leads-api; fwd=miss");
        ApiProbe.CacheStatus(secondForB).Should().Contain("leads-api; hit");
        foreach (var response in new[] { firstForB, secondForB })
        {
            var page = await ApiProbe.ReadAsync<PagedResult<LeadDto>>(response);
            page.Items.Should().NotBeEmpty().And.OnlyContain(l => l.TeamId == DemoData.TeamB);
        }
    }

    [Fact]
    public async Task Not_found_is_not_cached_and_queries_the_database_every_time()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var missing = Guid.NewGuid();

        // The first authenticated request reads the caller's access; after it, each 404 costs only the lookup.
        (await client.GetAsync("/api/leads/categories")).EnsureSuccessStatusCode();
        Factory.Queries.Reset();

        var first = await client.GetAsync($"/api/leads/{missing}");
        var sqlForFirst = Factory.Queries.Count;
        Factory.Queries.Reset();
        var second = await client.GetAsync($"/api/leads/{missing}");

        first.StatusCode.Should().Be(HttpStatusCode.NotFound);
        second.StatusCode.Should().Be(HttpStatusCode.NotFound);
        sqlForFirst.Should().Be(1);
        Factory.Queries.Count.Should().Be(1, "the second request looked the lead up again");
        second.Headers.Contains("Cache-Status").Should().BeFalse("an error reports no cache lookups (docs/security.md)");

        // The lookup created the lead's tag counter at its floor (ADR 0004; it expires): no entry of either level.
        (await ApiProbe.RedisKeysAsync(Factory, "api:*" + CacheKey.Parts(missing) + "*")).Should().BeEmpty();
        (await ApiProbe.RedisKeysAsync(Factory, "db:*" + CacheKey.Parts(missing) + "*")).Should().BeEmpty();
    }

    [Fact]
    public async Task Lead_of_another_team_is_a_404_that_is_not_cached_for_that_scope()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var salesB = await Factory.CreateSalesBClientAsync();
        var teamALead = (await ApiProbe.LeadIdsAsync(salesA, 1))[0];
        var salesBPartition = VisibilityScope.ForTeams([DemoData.TeamB]).PartitionKey;

        (await salesB.GetAsync($"/api/leads/{teamALead}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await salesB.GetAsync($"/api/leads/{teamALead}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await ApiProbe.RedisKeysAsync(Factory, $"api:LeadById:{salesBPartition}:*")).Should().BeEmpty();
        (await salesA.GetAsync($"/api/leads/{teamALead}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/leads?pageSize=1000")]
    [InlineData("/api/leads?page=0")]
    [InlineData("/api/leads/00000000-0000-0000-0000-000000000000")]
    public async Task Invalid_query_is_rejected_before_the_cache_and_nothing_is_stored(string url)
    {
        var client = await Factory.CreateSalesAClientAsync();

        var first = await client.GetAsync(url);
        var second = await client.GetAsync(url);

        first.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ApiProbe.CacheStatus(second).Should().NotContain("leads-api");
        (await ApiProbe.RedisKeysAsync(Factory, "api:*")).Should().BeEmpty();
    }
}
