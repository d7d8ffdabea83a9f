using System.Net;
using System.Text;
using static Leads.IntegrationTests.Http.LeadsApiCalls;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// The request body limit is enforced by Kestrel (the in-memory TestServer has none), so this runs against
/// the API on a real socket.
/// </summary>
public sealed class PayloadTooLargeTests(KestrelLeadsApiFactory factory) : IClassFixture<KestrelLeadsApiFactory>
{
    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    public async Task Body_over_the_limit_is_413_problem_details_with_no_store(string method)
    {
        var client = await factory.CreateSalesAClientAsync();
        var id = await FirstLeadIdAsync(client);
        var tooLarge = new StringContent("{\"name\":\"" + new string('x', 128 * 1024) + "\"}", Encoding.UTF8, "application/json");

        var response = await SendAsync(client, new HttpMethod(method), method == "PUT" ? $"/api/leads/{id}" : "/api/leads", content: tooLarge);

        CacheControlHeaderTests.AssertNoStoreError(response, HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
