using System.Net;
using System.Net.Http.Headers;
using Leads.IntegrationTests.Infrastructure;
using static Leads.IntegrationTests.Http.HttpCacheHeaders;
using static Leads.IntegrationTests.Http.LeadsApiCalls;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// A revalidation is the cheapest request there is: once the lead and the caller's access are cached it costs
/// no SQL at all. It is still a full request as far as security goes: authentication and visibility are
/// checked before any precondition, so a 304 never confirms anything to a caller who may not see the lead.
/// </summary>
public sealed class NotModifiedWithoutDatabaseTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Conditional_get_of_a_warm_lead_returns_304_without_any_sql()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, "/api/leads/{id}");
        var warm = await client.GetAsync(url);
        warm.StatusCode.Should().Be(HttpStatusCode.OK);
        Factory.Queries.Reset();

        var response = await GetIfNoneMatchAsync(client, url, ETag(warm)!);

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        Factory.Queries.Count.Should().Be(0, "the lead and the caller's access both come from the cache");
        Raw(response, "Cache-Status").Should().Contain("leads-db; hit").And.Contain("key=UserAccess")
            .And.Contain("leads-api; hit").And.EndWith("leads-http; hit; detail=not-modified");
    }

    [Theory]
    [InlineData("/api/leads?pageSize=5")]
    [InlineData("/api/leads/summary")]
    [InlineData("/api/leads/categories")]
    public async Task Conditional_get_of_any_warm_per_user_or_shared_answer_runs_no_sql(string url)
    {
        var client = await Factory.CreateSalesAClientAsync();
        var warm = await client.GetAsync(url);
        warm.StatusCode.Should().Be(HttpStatusCode.OK);
        Factory.Queries.Reset();

        var response = await GetIfNoneMatchAsync(client, url, ETag(warm)!);

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        Factory.Queries.Count.Should().Be(0);
    }

    [Fact]
    public async Task Etag_is_derived_from_the_content_so_it_still_matches_after_the_cache_is_lost()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, "/api/leads/{id}");
        var before = await client.GetAsync(url);
        await Factory.FlushCacheAsync();
        Factory.Queries.Reset();

        var response = await GetIfNoneMatchAsync(client, url, ETag(before)!);

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        ETag(response).Should().Be(ETag(before));
        Factory.Queries.Count.Should().BePositive("the lead had to be loaded again to know its tag");
    }

    [Fact]
    public async Task Conditional_get_with_the_right_etag_but_no_token_is_401_never_304()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, "/api/leads/{id}");
        var etag = ETag(await client.GetAsync(url))!;
        var anonymous = Factory.CreateClient();

        var response = await GetIfNoneMatchAsync(anonymous, url, etag);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ETag(response).Should().BeNull();
        CacheControl(response).Should().Be("no-store");
    }

    [Fact]
    public async Task Conditional_get_with_the_right_etag_but_an_invalid_token_is_401_never_304()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, "/api/leads/{id}");
        var etag = ETag(await client.GetAsync(url))!;
        var forged = Factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Bearer(client).Parameter![..^4] + "AAAA");

        var response = await GetIfNoneMatchAsync(forged, url, etag);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ETag(response).Should().BeNull();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Member_conditional_get_on_another_teams_lead_is_404_never_304(bool star)
    {
        var salesB = await Factory.CreateSalesBClientAsync();
        var url = await ResolveAsync(salesB, "/api/leads/{id}");
        var etag = ETag(await salesB.GetAsync(url))!;
        var salesA = await Factory.CreateSalesAClientAsync();

        var response = await GetIfNoneMatchAsync(salesA, url, star ? "*" : etag);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ETag(response).Should().BeNull();
        CacheControl(response).Should().Be("no-store");
    }

    [Fact]
    public async Task Deactivated_user_gets_401_on_a_conditional_get_right_after_the_change()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(salesA, "/api/leads/{id}");
        var etag = ETag(await salesA.GetAsync(url))!;
        var admin = await Factory.CreateAdminClientAsync();

        var deactivate = await admin.PutAsync(
            $"/api/admin/users/{Leads.Infrastructure.Persistence.Seeding.DemoData.SalesAUser}/access",
            System.Net.Http.Json.JsonContent.Create(new { role = "Member", teamIds = new[] { Leads.Infrastructure.Persistence.Seeding.DemoData.TeamA }, isActive = false }));
        deactivate.StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await GetIfNoneMatchAsync(salesA, url, etag);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
