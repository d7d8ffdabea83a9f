using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Api;

/// <summary>Every endpoint but sign-in, static configuration and health needs a valid bearer token.</summary>
public sealed class AuthenticationRequiredTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    private static readonly Guid AnyId = new("0f000000-0000-7000-8000-0000000000ff");

    public static TheoryData<string, string> ProtectedEndpoints() => new()
    {
        { "GET", "/api/leads" },
        { "HEAD", "/api/leads" },
        { "GET", "/api/leads/summary" },
        { "GET", $"/api/leads/{AnyId}" },
        { "POST", "/api/leads" },
        { "PUT", $"/api/leads/{AnyId}" },
        { "PATCH", $"/api/leads/{AnyId}/status" },
        { "DELETE", $"/api/leads/{AnyId}" },
        { "POST", "/api/leads/categories" },
        { "PUT", $"/api/leads/categories/{AnyId}" },
        { "DELETE", $"/api/leads/categories/{AnyId}" },
        { "DELETE", "/api/admin/cache?all=true" },
        { "PUT", $"/api/admin/users/{DemoData.SalesAUser}/access" },
    };

    public static TheoryData<string, string> AdminEndpoints() => new()
    {
        { "POST", "/api/leads/categories" },
        { "PUT", $"/api/leads/categories/{DemoData.Categories[0].Id}" },
        { "DELETE", $"/api/leads/categories/{DemoData.Categories[0].Id}" },
        { "DELETE", "/api/admin/cache?all=true" },
        { "PUT", $"/api/admin/users/{DemoData.SalesAUser}/access" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Protected_endpoint_without_token_is_401(string method, string url)
    {
        var client = Factory.CreateClient();

        var response = await client.SendAsync(Request(method, url));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer");
        response.Headers.CacheControl.Should().NotBeNull();
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        if (method != "HEAD")
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Protected_endpoint_with_a_forged_token_is_401(string method, string url)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        var response = await client.SendAsync(Request(method, url));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Admin_endpoint_is_403_problem_for_a_member(string method, string url)
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.SendAsync(Request(method, url));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Static_configuration_is_anonymous()
    {
        var client = Factory.CreateClient();

        var response = await client.GetAsync("/api/static/config");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var config = await response.ReadJsonAsync();
        config.GetProperty("leadStatuses").EnumerateArray().Select(s => s.GetString())
            .Should().Equal("New", "Contacted", "Qualified", "Proposal", "Won", "Lost");
        config.GetProperty("maxPageSize").GetInt32().Should().Be(100);
    }

    [Fact]
    public async Task Token_endpoint_is_anonymous()
    {
        var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = DemoData.AdminName, password = DemoData.AdminPassword });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    // Write requests carry a valid body so that only authentication (or authorization) can refuse them.
    private static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        object? body = method switch
        {
            "POST" when url.Contains("categories", StringComparison.Ordinal) => new { name = "Unauthorised", description = (string?)null },
            "PUT" when url.Contains("categories", StringComparison.Ordinal) => new { name = "Unauthorised", description = (string?)null },
            "PUT" when url.Contains("/access", StringComparison.Ordinal) => new { role = "Member", teamIds = new[] { DemoData.TeamA }, isActive = true },
            "POST" or "PUT" => LeadRequests.Body(DemoData.TeamA),
            "PATCH" => new { status = "Contacted" },
            _ => null,
        };
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}
