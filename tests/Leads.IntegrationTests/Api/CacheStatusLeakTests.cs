using System.Net;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Monitoring;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// Cache-Status must not tell a caller anything about leads they cannot see: the 404 for another team's lead,
/// read a moment ago by its own team (so the shared database-level entry is warm), looks exactly like the 404
/// for an id that never existed. And the shared entry is not even read for it: a member's visibility is checked
/// against Postgres first, so its timing cannot tell either.
/// </summary>
public sealed class CacheStatusLeakTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Another_teams_recently_read_lead_answers_like_a_missing_one_without_cache_detail()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var salesB = await Factory.CreateSalesBClientAsync();
        var leadOfA = await Factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == DemoData.TeamA).Select(l => l.Id).FirstAsync());
        (await salesA.GetAsync($"/api/leads/{leadOfA}")).EnsureSuccessStatusCode();
        (await salesA.GetAsync($"/api/leads/{leadOfA}")).Headers.GetValues("Cache-Status").Single().Should().Contain("hit");

        using var foreign = await salesB.GetAsync($"/api/leads/{leadOfA}");
        using var missing = await salesB.GetAsync($"/api/leads/{Guid.NewGuid()}");

        await foreign.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreign.Headers.Contains("Cache-Status").Should().BeFalse("an error reports no cache lookups");
        HeaderNames(foreign).Should().BeEquivalentTo(HeaderNames(missing));
    }

    [Fact]
    public async Task Another_teams_lead_is_refused_before_its_shared_database_level_entry_is_read()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var salesB = await Factory.CreateSalesBClientAsync();
        var leadOfA = await Factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == DemoData.TeamA).Select(l => l.Id).FirstAsync());
        var leadOfB = await Factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == DemoData.TeamB).Select(l => l.Id).FirstAsync());
        (await salesA.GetAsync($"/api/leads/{leadOfA}")).EnsureSuccessStatusCode();
        (await salesB.GetAsync($"/api/leads/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "warms sales-b's authorization entry");

        var (foreignLookups, foreignQueries) = await LeadRecordLookupsAndQueriesAsync(() => salesB.GetAsync($"/api/leads/{leadOfA}"), HttpStatusCode.NotFound);
        var (missingLookups, missingQueries) = await LeadRecordLookupsAndQueriesAsync(() => salesB.GetAsync($"/api/leads/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var (ownLookups, _) = await LeadRecordLookupsAndQueriesAsync(() => salesB.GetAsync($"/api/leads/{leadOfB}"), HttpStatusCode.OK);

        foreignLookups.Should().Be(0, "the shared entry of a lead sales-b cannot see is not even looked up");
        missingLookups.Should().Be(0);
        foreignQueries.Should().Be(missingQueries, "another team's lead costs what a missing id costs");
        ownLookups.Should().Be(1, "a visible lead is read through its shared entry as before");
    }

    private async Task<(long LeadRecordLookups, int Queries)> LeadRecordLookupsAndQueriesAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode expected)
    {
        var before = LeadRecordLookups();
        Factory.Queries.Reset();
        using var response = await request();
        response.StatusCode.Should().Be(expected);
        return (LeadRecordLookups() - before, Factory.Queries.Count);
    }

    private long LeadRecordLookups() =>
        Factory.Services.GetRequiredService<CacheStatistics>().Snapshot()
            .Where(c => c.Level == CacheLevel.Db && c.Policy == CachePolicies.LeadRecord)
            .Sum(c => c.Counts.Sum());

    private static IEnumerable<string> HeaderNames(HttpResponseMessage response) =>
        response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).Where(h => h != "Content-Length");
}
