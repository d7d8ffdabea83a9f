using System.Net;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

/// <summary><c>Caching:ApiLevelEnabled=false</c> bypasses every service-level policy; the database level keeps working.</summary>
public sealed class ApiLevelSwitchTests(ApiLevelOffFactory factory) : IClassFixture<ApiLevelOffFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_service_level_policy_is_bypassed_and_nothing_is_stored_under_api()
    {
        var client = await factory.CreateSalesAClientAsync();
        var id = (await ApiProbe.LeadIdsAsync(client, 1))[0];
        (string Url, string Policy)[] reads = [("/api/leads?pageSize=5", "LeadsList"), ($"/api/leads/{id}", "LeadById"), ("/api/leads/summary", "LeadsSummary")];

        foreach (var (url, policy) in reads)
        {
            foreach (var attempt in Enumerable.Range(1, 2))
            {
                var response = await client.GetAsync(url);

                response.StatusCode.Should().Be(HttpStatusCode.OK);
                ApiProbe.CacheStatus(response).Should().Contain($"leads-api; fwd=bypass; detail=disabled; key={policy}", $"{url}, attempt {attempt}");
            }
        }

        (await ApiProbe.RedisKeysAsync(factory, "api:*")).Should().BeEmpty();
    }

    [Fact]
    public async Task Lead_list_runs_its_sql_on_every_request()
    {
        var client = await factory.CreateSalesAClientAsync();
        await client.GetAsync("/api/leads?pageSize=5");

        factory.Queries.Reset();
        var repeat = await client.GetAsync("/api/leads?pageSize=5");

        repeat.StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Queries.Count.Should().Be(1, "the page itself is cached only at the service level; the count comes from the database-level cache");
    }

    [Fact]
    public async Task Database_level_keeps_caching_when_the_service_level_is_off()
    {
        var client = await factory.CreateSalesAClientAsync();
        await client.GetAsync("/api/leads/summary");

        factory.Queries.Reset();
        var repeat = await client.GetAsync("/api/leads/summary");

        ApiProbe.CacheStatus(repeat).Should().Contain("leads-db; hit; detail=l1; key=LeadCounts").And.Contain("leads-db; hit; detail=l1; key=UserAccess");
        factory.Queries.Count.Should().Be(1, "only the category names are read again (they have no database-level cache)");
        (await ApiProbe.RedisKeysAsync(factory, "db:LeadCounts:*")).Should().ContainSingle();
    }
}
