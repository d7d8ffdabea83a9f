using System.Net;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// <c>/metrics</c>, the OpenAPI document and Scalar are open in Development, off by default in any other
/// environment, and can be required to carry an admin token or (for a scraper) be served on a port of their own.
/// </summary>
public sealed class OperationalEndpointsTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    private static readonly string[] Paths = ["/metrics", "/openapi/v1.json", "/scalar/v1"];

    [Fact]
    public async Task Development_serves_metrics_openapi_and_scalar_to_anyone()
    {
        var anonymous = Factory.CreateClient();
        foreach (var path in Paths)
        {
            (await anonymous.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public Task Outside_Development_metrics_openapi_and_scalar_are_off_unless_configured() =>
        WithHostAsync(new ProductionApiFactory(), async production =>
        {
            var anonymous = production.CreateClient();
            foreach (var path in Paths)
            {
                using var response = await anonymous.GetAsync(path);
                await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
            }

            (await anonymous.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the host itself is up");
        });

    [Fact]
    public Task Metrics_on_their_own_port_are_served_there_only()
    {
        var host = new ProductionApiFactory();
        host.Settings["Endpoints:Metrics"] = "Public";
        host.Settings["Endpoints:MetricsPort"] = "9464";
        return WithHostAsync(host, async production =>
        {
            var scraper = production.CreateClient(new() { BaseAddress = new Uri("http://localhost:9464") });
            var api = production.CreateClient();

            (await scraper.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await scraper.GetStringAsync("/metrics")).Should().Contain("leads_cache_");
            (await api.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the API's own port does not serve them");
        });
    }

    [Fact]
    public Task Admin_exposure_needs_an_admin_token()
    {
        var host = new LeadsApiFactory();
        foreach (var endpoint in new[] { "Metrics", "OpenApi", "Scalar" })
        {
            host.Settings["Endpoints:" + endpoint] = "Admin";
        }

        return WithHostAsync(host, async protectedHost =>
        {
            var anonymous = protectedHost.CreateClient();
            var member = await protectedHost.CreateSalesAClientAsync();
            var admin = await protectedHost.CreateAdminClientAsync();
            foreach (var path in Paths)
            {
                using var refused = await anonymous.GetAsync(path);
                await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
                (await member.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
                (await admin.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
            }
        });
    }

    /// <summary>Starts <paramref name="host"/>, runs <paramref name="test"/> and drops the host with its database.</summary>
    private static async Task WithHostAsync(LeadsApiFactory host, Func<LeadsApiFactory, Task> test)
    {
        try
        {
            await host.InitializeAsync();
            await test(host);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
