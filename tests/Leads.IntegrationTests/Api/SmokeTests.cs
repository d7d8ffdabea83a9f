using System.Net;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Api;

public sealed class SmokeTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Lead_list_is_served_from_the_service_cache_on_repeat()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var first = await client.GetAsync("/api/leads?pageSize=5");
        var second = await client.GetAsync("/api/leads?pageSize=5");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.GetValues("Cache-Status").Single().Should().Contain("leads-api; fwd=miss");
        second.Headers.GetValues("Cache-Status").Single().Should().Contain("leads-api; hit; detail=l1");
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
    }
}
