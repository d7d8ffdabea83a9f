using System.Net;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// Cache-Status must not tell a caller anything about leads they cannot see: the 404 for another team's lead,
/// read a moment ago by its own team (so the shared database-level entry is warm), looks exactly like the 404
/// for an id that never existed.
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

    private static IEnumerable<string> HeaderNames(HttpResponseMessage response) =>
        response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).Where(h => h != "Content-Length");
}
