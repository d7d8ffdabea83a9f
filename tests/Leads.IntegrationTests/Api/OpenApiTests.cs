using System.Net.Http.Json;
using System.Text.Json;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Api;

public sealed class OpenApiTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task OpenApi_document_lists_the_endpoints_and_declares_the_bearer_token()
    {
        var client = Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var reference = await client.GetAsync("/scalar/v1");

        document.GetProperty("paths").TryGetProperty("/api/leads/{id}", out _).Should().BeTrue();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");
        document.GetProperty("security")[0].TryGetProperty("Bearer", out _).Should().BeTrue();
        reference.EnsureSuccessStatusCode();
    }
}
