using System.Net;
using System.Net.Http.Json;
using Leads.IntegrationTests.Api;
using Leads.IntegrationTests.Infrastructure;
using Leads.Infrastructure.Persistence.Seeding;
using static Leads.IntegrationTests.Http.HttpCacheHeaders;
using static Leads.IntegrationTests.Http.LeadsApiCalls;

namespace Leads.IntegrationTests.Http;

/// <summary>What each endpoint tells browsers and shared caches, header by header.</summary>
public sealed class CacheControlHeaderTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [MemberData(nameof(CacheableGets), MemberType = typeof(LeadsApiCalls))]
    public async Task Cacheable_get_sends_exact_cache_control_weak_etag_last_modified_in_seconds_and_vary(string path, string cacheControl)
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, path);
        var before = DateTimeOffset.UtcNow;

        var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        CacheControl(response).Should().Be(cacheControl);
        IsWeakETag(ETag(response)).Should().BeTrue("the ETag was {0}", ETag(response));
        VaryFields(response).Should().ContainSingle(f => f.Equals("Accept-Encoding", StringComparison.OrdinalIgnoreCase));

        // IMF-fixdate has no fraction of a second; it must be the time the representation was produced, not later than now.
        var lastModified = LastModified(response);
        lastModified.Should().NotBeNull();
        var parsed = ParseHttpDate(lastModified!);
        FormatHttpDate(parsed).Should().Be(lastModified);
        parsed.Should().BeOnOrAfter(before.AddTicks(-(before.Ticks % TimeSpan.TicksPerSecond)));
        parsed.Should().BeOnOrBefore(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Static_config_is_public_for_anonymous_callers()
    {
        var response = await Factory.CreateClient().GetAsync("/api/static/config");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        CacheControl(response).Should().Be("public, max-age=3600");
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    public async Task Responses_without_a_cache_policy_of_their_own_are_no_store(string url)
    {
        var response = await Factory.CreateClient().GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        CacheControl(response).Should().Be("no-store");
    }

    [Fact]
    public async Task Token_response_is_no_store()
    {
        var response = await Factory.CreateClient().PostAsync(
            "/api/auth/token",
            System.Net.Http.Json.JsonContent.Create(new { username = DemoData.SalesAName, password = DemoData.SalesAPassword }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        CacheControl(response).Should().Be("no-store");
    }

    [Fact]
    public async Task Category_change_gives_categories_a_new_etag_so_the_old_one_gets_200()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var before = await client.GetAsync("/api/leads/categories");
        var admin = await Factory.CreateAdminClientAsync();
        (await admin.PostAsync("/api/leads/categories", System.Net.Http.Json.JsonContent.Create(new { name = "Fresh category", description = "new" })))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var after = await GetIfNoneMatchAsync(client, "/api/leads/categories", ETag(before)!);

        after.StatusCode.Should().Be(HttpStatusCode.OK);
        ETag(after).Should().NotBe(ETag(before));
        (await after.Content.ReadAsStringAsync()).Should().Contain("Fresh category");
    }

    [Fact]
    public async Task Repeated_get_of_an_unchanged_resource_keeps_its_etag_and_last_modified()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, "/api/leads/{id}");

        var first = await client.GetAsync(url);
        var second = await client.GetAsync(url);

        ETag(second).Should().Be(ETag(first));
        LastModified(second).Should().Be(LastModified(first));
    }

    [Fact]
    public async Task Validation_error_400_is_no_store()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.GetAsync("/api/leads?pageSize=1000");

        AssertNoStoreError(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Missing_token_401_is_no_store()
    {
        var response = await Factory.CreateClient().GetAsync("/api/leads/summary");

        AssertNoStoreError(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Forbidden_403_is_no_store()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.PostAsync("/api/leads", JsonContent.Create(LeadRequests.Body(DemoData.TeamB)));

        AssertNoStoreError(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Forbidden_403_from_the_admin_policy_is_no_store()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.DeleteAsync("/api/admin/cache?all=true");

        AssertNoStoreError(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Not_found_404_is_no_store()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.GetAsync($"/api/leads/{Guid.NewGuid()}");

        AssertNoStoreError(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Version_conflict_409_is_no_store()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await FirstLeadAsync(client, "status=New");

        var response = await client.PatchAsync(
            $"/api/leads/{lead["id"]}/status",
            System.Net.Http.Json.JsonContent.Create(new { status = "Contacted", version = lead["version"]!.GetValue<long>() + 7 }));

        AssertNoStoreError(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Precondition_failed_412_is_no_store()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await FirstLeadAsync(client, "status=New");

        var response = await SendAsync(
            client, HttpMethod.Patch, $"/api/leads/{lead["id"]}/status",
            r => r.Headers.TryAddWithoutValidation("If-Match", "W/\"0000000000000000\""),
            System.Net.Http.Json.JsonContent.Create(new { status = "Contacted" }));

        AssertNoStoreError(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Lead_writes_are_no_store()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await FirstLeadAsync(client, "status=New");
        var id = lead["id"]!.GetValue<Guid>();

        var created = await client.PostAsync("/api/leads", JsonContent.Create(LeadRequests.Body(DemoData.TeamA)));
        var updated = await client.PutAsync($"/api/leads/{id}", JsonContent.Create(LeadRequests.From(lead, "Renamed for no-store")));
        var patched = await client.PatchAsync($"/api/leads/{id}/status", System.Net.Http.Json.JsonContent.Create(new { status = "Contacted" }));
        var deleted = await client.DeleteAsync($"/api/leads/{id}");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        foreach (var response in new[] { created, updated, patched, deleted })
        {
            CacheControl(response).Should().Be("no-store", "{0} answered {1}", response.RequestMessage!.Method, response.StatusCode);
        }
    }

    [Fact]
    public async Task Category_writes_are_no_store()
    {
        var admin = await Factory.CreateAdminClientAsync();

        var created = await admin.PostAsync("/api/leads/categories", System.Net.Http.Json.JsonContent.Create(new { name = "Cache category", description = "x" }));
        var location = created.Headers.Location!.ToString();
        var updated = await admin.PutAsync(location, System.Net.Http.Json.JsonContent.Create(new { name = "Cache category 2", description = "y" }));
        var deleted = await admin.DeleteAsync(location);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        foreach (var response in new[] { created, updated, deleted })
        {
            CacheControl(response).Should().Be("no-store", "{0} answered {1}", response.RequestMessage!.Method, response.StatusCode);
        }
    }

    internal static void AssertNoStoreError(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.Should().Be(expected);
        CacheControl(response).Should().Be("no-store");
        ETag(response).Should().BeNull("an error has no representation to validate");
        LastModified(response).Should().BeNull();
    }
}
