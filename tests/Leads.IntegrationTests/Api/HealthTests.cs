using System.Net;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Api;

public sealed class HealthTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoint_is_anonymous_and_healthy(string url)
    {
        var client = Factory.CreateClient();

        var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
        response.Headers.CacheControl.Should().NotBeNull("a probe must reach the service, not a cache");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("a probe must reach the service, not a cache");
    }

    [Fact]
    public async Task OpenApi_document_describes_the_lead_endpoints()
    {
        var client = Factory.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        paths.TryGetProperty("/api/leads", out _).Should().BeTrue();
        paths.TryGetProperty("/api/leads/{id}", out _).Should().BeTrue();
        paths.TryGetProperty("/api/auth/token", out _).Should().BeTrue();
    }
}
