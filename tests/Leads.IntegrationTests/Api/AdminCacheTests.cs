using System.Net;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Api;

/// <summary>DELETE /api/admin/cache: the HTTP contract (what it accepts and answers); what it removes is specified elsewhere.</summary>
public sealed class AdminCacheTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [InlineData("all=true", "all")]
    [InlineData("tag=categories", "tag")]
    [InlineData("namespace=api", "namespace")]
    [InlineData("namespace=db&pattern=UserAccess:*", "pattern")]
    public async Task Admin_invalidation_with_one_target_is_200_with_its_mode(string query, string mode)
    {
        var client = await Factory.CreateAdminClientAsync();
        await client.GetAsync("/api/leads/categories");

        var response = await client.DeleteAsync($"/api/admin/cache?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("mode").GetString().Should().Be(mode);
    }

    [Fact]
    public async Task Removing_everything_reports_the_removed_keys()
    {
        var client = await Factory.CreateAdminClientAsync();
        await client.GetAsync("/api/leads/categories");
        await client.GetAsync("/api/leads?pageSize=5");

        var body = await (await client.DeleteAsync("/api/admin/cache?all=true")).ReadJsonAsync();

        body.GetProperty("removed").GetInt64().Should().BePositive();
    }

    [Theory]
    [InlineData("", "request")]
    [InlineData("all=true&tag=categories", "request")]
    [InlineData("namespace=http", "namespace")]
    [InlineData("tag=Not%20A%20Tag", "tag")]
    public async Task Invalidation_without_exactly_one_valid_target_is_400(string query, string field)
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.DeleteAsync($"/api/admin/cache?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }
}
