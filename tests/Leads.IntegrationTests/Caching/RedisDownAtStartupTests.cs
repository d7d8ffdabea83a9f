using System.Globalization;
using System.Net;
using Leads.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Caching;

/// <summary>The API starts when Redis is unreachable from the beginning, and serves a lead from Postgres once, then from L1 under outage stamps.</summary>
[Collection(RedisFaultCollection.Name)]
public sealed class RedisDownAtStartupTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Nothing listens on this port: connections are refused, as when Redis has not started yet.
    private readonly OwnRedisApiFactory _factory = new("127.0.0.1:" + RedisServerProcess.FreePort().ToString(CultureInfo.InvariantCulture));

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Api_started_without_redis_serves_leads_from_postgres_then_from_L1()
    {
        var client = await _factory.CreateAdminClientAsync();
        var url = $"/api/leads/{(await ApiProbe.LeadIdsAsync(client, 1))[0]}";

        var timings = new List<double>();
        for (var i = 0; i < 11; i++)
        {
            _factory.Queries.Reset();
            var (response, milliseconds) = await ApiProbe.TimedGetAsync(client, url);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            if (i == 0)
            {
                // Its record was loaded with the list page that gave the id, and kept in L1 under outage stamps.
                ApiProbe.CacheStatus(response).Should().Contain("leads-api; fwd=bypass; detail=unavailable; key=LeadById")
                    .And.Contain("leads-db; hit; detail=l1; key=LeadRecord");
            }
            else
            {
                ApiProbe.CacheStatus(response).Should().Contain("leads-api; hit; detail=l1; key=LeadById")
                    .And.Contain("leads-db; hit; detail=l1; key=UserAccess");
                _factory.Queries.Count.Should().Be(0, "nothing was written since: L1 answers under outage stamps");
                timings.Add(milliseconds);
            }
        }

        output.WriteLine("timings (ms): " + string.Join(", ", timings.Select(t => t.ToString("0", CultureInfo.InvariantCulture))));
        ApiProbe.Median(timings).Should().BeLessThan(100, "no request waits for a connection attempt");
    }
}
