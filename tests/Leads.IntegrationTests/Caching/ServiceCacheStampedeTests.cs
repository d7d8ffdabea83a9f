using System.Net;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

/// <summary>Concurrent requests for one cold answer run its query once through the whole stack.</summary>
public sealed class ServiceCacheStampedeTests(StampedeApiFactory factory) : IClassFixture<StampedeApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Concurrent_summary_requests_on_a_cold_cache_run_one_grouped_count_query()
    {
        const int Requests = 64;
        var client = await factory.CreateSalesAClientAsync();

        // Authenticating a request reads the caller's access through the database-level cache; one request
        // first puts it there, so the SQL counted below is the summary's own.
        (await client.GetAsync("/api/leads/categories")).EnsureSuccessStatusCode();
        factory.Queries.Reset();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, Requests).Select(async _ =>
        {
            await start.Task;
            return await client.GetAsync("/api/leads/summary");
        }).ToArray();
        start.SetResult();
        var responses = await Task.WhenAll(requests);

        responses.Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.OK));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        bodies.Distinct().Should().ContainSingle();

        // The summary handler ran once: one grouped count (LeadCounts, cold at the database level). The category
        // names come from the cached category list, which the first request above stored. Every other request
        // joined that load or was served the entry it stored.
        factory.Queries.Count.Should().Be(1);
        responses.Count(r => ApiProbe.CacheStatus(r).Contains("key=LeadCounts", StringComparison.Ordinal)).Should().Be(1, "only the request that ran the handler touched the database level");
        responses.Should().AllSatisfy(r => ApiProbe.CacheStatus(r).Should().Contain("key=LeadsSummary").And.NotContain("unavailable"));
    }
}
