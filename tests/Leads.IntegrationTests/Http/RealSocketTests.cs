using System.Net;
using System.Text;
using Leads.IntegrationTests.Infrastructure;
using static Leads.IntegrationTests.Http.LeadsApiCalls;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// What only a real socket shows: the request body limit is enforced by Kestrel (the in-memory TestServer has
/// none), and Kestrel, not the test host, decides whether a HEAD response carries bytes.
/// </summary>
[Collection(KestrelCollection.Name)]
public sealed class RealSocketTests(KestrelLeadsApiFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

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

    [Theory]
    [InlineData(null)]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Head_has_the_headers_of_get_in_the_same_encoding_and_no_body(string? encoding)
    {
        var client = await factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, "/api/leads/{id}");
        void Encode(HttpRequestMessage r)
        {
            if (encoding is not null)
            {
                r.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            }
        }

        var get = await GetAsync(client, url, Encode);
        var head = await SendAsync(client, HttpMethod.Head, url, Encode);

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        foreach (var name in new[] { "Cache-Control", "ETag", "Last-Modified", "Vary", "Content-Type", "Content-Encoding", "Content-Length" })
        {
            HttpCacheHeaders.Raw(head, name).Should().Be(HttpCacheHeaders.Raw(get, name), "{0} of HEAD must be that of GET", name);
        }
    }
}
