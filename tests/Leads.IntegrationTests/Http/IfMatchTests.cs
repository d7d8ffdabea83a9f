using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Leads.IntegrationTests.Api;
using Leads.IntegrationTests.Infrastructure;
using static Leads.IntegrationTests.Http.HttpCacheHeaders;
using static Leads.IntegrationTests.Http.LeadsApiCalls;

namespace Leads.IntegrationTests.Http;

/// <summary>Optimistic concurrency with entity tags: If-Match (RFC 9110 13.1.1) and If-None-Match (13.1.2) on PUT, PATCH and DELETE.</summary>
public sealed class IfMatchTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    private const string StaleTag = "W/\"0123456789abcdef\"";

    public static TheoryData<string> Writes() => new() { "PUT", "PATCH", "DELETE" };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_with_the_current_etag_succeeds(string method)
    {
        var (client, lead, etag) = await ArrangeAsync();

        var response = await WriteAsync(client, method, lead, etag);

        response.StatusCode.Should().Be(method == "DELETE" ? HttpStatusCode.NoContent : HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_with_a_stale_etag_is_412_problem_details_and_changes_nothing(string method)
    {
        var (client, lead, etag) = await ArrangeAsync();

        var response = await WriteAsync(client, method, lead, StaleTag);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["status"]!.GetValue<int>().Should().Be(412);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        var after = await client.GetAsync($"/api/leads/{lead["id"]}");
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        ETag(after).Should().Be(etag);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_with_if_match_star_succeeds_for_an_existing_lead(string method)
    {
        var (client, lead, _) = await ArrangeAsync();

        var response = await WriteAsync(client, method, lead, "*");

        response.StatusCode.Should().Be(method == "DELETE" ? HttpStatusCode.NoContent : HttpStatusCode.OK);
    }

    [Fact]
    public async Task If_match_list_containing_the_current_etag_succeeds()
    {
        var (client, lead, etag) = await ArrangeAsync();

        var response = await WriteAsync(client, "PUT", lead, $"{StaleTag}, {etag}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task If_match_ignores_the_weakness_indicator_of_our_tags()
    {
        var (client, lead, etag) = await ArrangeAsync();

        var response = await WriteAsync(client, "PUT", lead, Opaque(etag));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task After_a_successful_write_the_old_etag_no_longer_matches(string method)
    {
        var (client, lead, etag) = await ArrangeAsync();
        var url = $"/api/leads/{lead["id"]}";
        (await GetIfNoneMatchAsync(client, url, etag)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        (await WriteAsync(client, method, lead, etag)).IsSuccessStatusCode.Should().BeTrue();
        var revalidation = await GetIfNoneMatchAsync(client, url, etag);
        var replay = await WriteAsync(client, method, lead, etag);

        if (method == "DELETE")
        {
            revalidation.StatusCode.Should().Be(HttpStatusCode.NotFound);
            replay.StatusCode.Should().Be(HttpStatusCode.NotFound);
            return;
        }

        revalidation.StatusCode.Should().Be(HttpStatusCode.OK);
        ETag(revalidation).Should().NotBe(etag);
        replay.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Etag_returned_by_a_write_is_the_etag_of_the_next_read_and_guards_the_next_write(string method)
    {
        var (client, lead, etag) = await ArrangeAsync();
        var url = $"/api/leads/{lead["id"]}";

        var written = await WriteAsync(client, method, lead, etag);
        var read = await client.GetAsync(url);
        var next = await WriteAsync(client, "PUT", lead, ETag(written)!);

        written.StatusCode.Should().Be(HttpStatusCode.OK);
        ETag(written).Should().NotBe(etag);
        ETag(read).Should().Be(ETag(written));
        next.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("PUT", true)]
    [InlineData("PUT", false)]
    [InlineData("PATCH", true)]
    [InlineData("PATCH", false)]
    [InlineData("DELETE", true)]
    [InlineData("DELETE", false)]
    public async Task Outdated_version_in_the_request_is_still_409_when_if_match_passes(string method, bool star)
    {
        var (client, lead, etag) = await ArrangeAsync();
        var outdated = lead["version"]!.GetValue<long>() + 5;

        var response = await WriteAsync(client, method, lead, star ? "*" : etag, outdated);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict, "If-Match does not cancel the version the client stated");
        var after = await client.GetAsync($"/api/leads/{lead["id"]}");
        ETag(after).Should().Be(etag);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Current_version_in_the_request_with_a_matching_if_match_succeeds(string method)
    {
        var (client, lead, etag) = await ArrangeAsync();

        var response = await WriteAsync(client, method, lead, etag, lead["version"]!.GetValue<long>());

        response.IsSuccessStatusCode.Should().BeTrue();
    }

    [Theory]
    [InlineData("PUT", true)]
    [InlineData("PUT", false)]
    [InlineData("PATCH", true)]
    [InlineData("PATCH", false)]
    [InlineData("DELETE", true)]
    [InlineData("DELETE", false)]
    public async Task Write_with_if_none_match_star_or_the_current_etag_is_412_and_changes_nothing(string method, bool star)
    {
        var (client, lead, etag) = await ArrangeAsync();

        var response = await WriteAsync(client, method, lead, ifMatch: null, ifNoneMatch: star ? "*" : etag);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed, "RFC 9110 13.1.2: the lead exists and matches");
        ETag(await client.GetAsync($"/api/leads/{lead["id"]}")).Should().Be(etag);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_with_if_none_match_naming_another_etag_succeeds(string method)
    {
        var (client, lead, _) = await ArrangeAsync();

        var response = await WriteAsync(client, method, lead, ifMatch: null, ifNoneMatch: StaleTag);

        response.IsSuccessStatusCode.Should().BeTrue();
    }

    [Theory]
    [InlineData(StaleTag)]
    [InlineData("*")]
    public async Task Member_write_with_if_match_on_another_teams_lead_is_404_not_412(string ifMatch)
    {
        var salesB = await Factory.CreateSalesBClientAsync();
        var lead = await FirstLeadAsync(salesB, "status=New");
        var salesA = await Factory.CreateSalesAClientAsync();

        foreach (var method in new[] { "PUT", "PATCH", "DELETE" })
        {
            var response = await WriteAsync(salesA, method, lead, ifMatch);

            response.StatusCode.Should().Be(HttpStatusCode.NotFound, "{0} with If-Match {1}", method, ifMatch);
        }
    }

    [Fact]
    public async Task Write_with_if_match_without_a_token_is_401_not_412()
    {
        var (_, lead, _) = await ArrangeAsync();

        var response = await WriteAsync(Factory.CreateClient(), "PUT", lead, StaleTag);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<(HttpClient Client, JsonObject Lead, string ETag)> ArrangeAsync()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await FirstLeadAsync(client, "status=New");
        var response = await client.GetAsync($"/api/leads/{lead["id"]}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (client, lead, ETag(response)!);
    }

    /// <summary>A write guarded by If-Match (and/or If-None-Match) and, when <paramref name="version"/> is given, by a version in the request too.</summary>
    private static Task<HttpResponseMessage> WriteAsync(
        HttpClient client, string method, JsonObject lead, string? ifMatch, long? version = null, string? ifNoneMatch = null)
    {
        var url = $"/api/leads/{lead["id"]}";
        var (httpMethod, path, content) = method switch
        {
            "PUT" => (HttpMethod.Put, url, (HttpContent?)JsonContent.Create(LeadRequests.From(lead, "Renamed " + Guid.NewGuid().ToString("N")[..8], version))),
            "PATCH" => (HttpMethod.Patch, url + "/status", JsonContent.Create(new { status = "Lost", version })),
            "DELETE" => (HttpMethod.Delete, version is null ? url : $"{url}?version={version}", null),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };

        return SendAsync(client, httpMethod, path, r =>
        {
            if (ifMatch is not null)
            {
                r.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            if (ifNoneMatch is not null)
            {
                r.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            }
        }, content);
    }
}
