using System.Net;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// A policy switched off in configuration bypasses its cache: the query runs every time and nothing is
/// stored, while the other policies keep caching. LeadRecord (the database-level read behind LeadById) is
/// switched off too, so that the SQL each request runs shows; with it on, the handler would still run each
/// time but be answered by the database-level cache.
/// </summary>
public sealed class CachePolicySwitchTests(LeadCachePoliciesOffFactory factory) : IClassFixture<LeadCachePoliciesOffFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetLeadById_with_its_policy_switched_off_bypasses_the_cache_and_runs_sql_every_time()
    {
        var client = await factory.CreateSalesAClientAsync();
        var id = (await ApiProbe.LeadIdsAsync(client, 1))[0];

        foreach (var attempt in Enumerable.Range(1, 3))
        {
            factory.Queries.Reset();
            var response = await client.GetAsync($"/api/leads/{id}");

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            ApiProbe.CacheStatus(response).Should().Contain("leads-api; fwd=bypass; detail=disabled; key=LeadById", $"attempt {attempt}");
            ApiProbe.CacheStatus(response).Should().Contain("leads-db; fwd=bypass; detail=disabled; key=LeadRecord");
            // A member's read asks whether the lead is visible to them before it reads the shared record; with
            // LeadRecord off neither answer is cached.
            factory.Queries.Count.Should().Be(2, $"attempt {attempt} checked the member's access and read the lead from Postgres");
        }

        (await ApiProbe.RedisKeysAsync(factory, "api:LeadById:*")).Should().BeEmpty();
        (await ApiProbe.RedisKeysAsync(factory, "db:LeadRecord:*")).Should().BeEmpty();
    }

    [Fact]
    public async Task Policies_left_on_keep_caching_next_to_one_switched_off()
    {
        var client = await factory.CreateSalesAClientAsync();

        await client.GetAsync("/api/leads?pageSize=5");
        factory.Queries.Reset();
        var repeat = await client.GetAsync("/api/leads?pageSize=5");

        ApiProbe.CacheStatus(repeat).Should().Contain("leads-api; hit").And.Contain("key=LeadsList");
        ApiProbe.CacheStatus(repeat).Should().Contain("leads-db; fwd=bypass; detail=disabled; key=LeadRecord");
        factory.Queries.Count.Should().Be(1, "the page's ids and total come from the cache; only its bodies are read, in one query, because LeadRecord is off");
    }
}
