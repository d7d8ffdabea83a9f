using Leads.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Warmup;

public sealed class CacheWarmupTests(WarmedApiFactory factory) : IClassFixture<WarmedApiFactory>
{
    [Fact]
    public async Task First_requests_after_start_are_served_from_the_warmed_cache()
    {
        var stored = await factory.Services.GetRequiredService<CacheWarmupStatus>().Completed.WaitAsync(TimeSpan.FromSeconds(30));
        var client = await factory.CreateSalesAClientAsync();

        var summary = await client.GetAsync("/api/leads/summary");
        var categories = await client.GetAsync("/api/leads/categories");
        var firstPage = await client.GetAsync("/api/leads");

        // Admin scope (4 answers incl. the shared ones) and 2 per team (three teams).
        stored.Should().Be(10);
        summary.Headers.GetValues("Cache-Status").Single().Should().Contain("leads-api; hit");
        categories.Headers.GetValues("Cache-Status").Single().Should().Contain("leads-api; hit");
        firstPage.Headers.GetValues("Cache-Status").Single().Should().Contain("leads-api; hit");
    }
}
