using System.Net;
using System.Net.Http.Json;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Api;

public sealed class AuthTokenTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Token_is_issued_for_valid_credentials()
    {
        var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = DemoData.SalesAName, password = DemoData.SalesAPassword });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("accessToken").GetString().Should().NotBeNullOrWhiteSpace();
        body.GetProperty("expiresIn").GetInt32().Should().BePositive();
        body.GetProperty("tokenType").GetString().Should().Be("Bearer");
        response.Headers.CacheControl.Should().NotBeNull("a token must not be cached anywhere");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("a token must not be cached anywhere");
    }

    [Fact]
    public async Task Issued_token_authenticates_the_next_request()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.GetAsync("/api/leads?pageSize=1");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_password_is_401_problem()
    {
        var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = DemoData.SalesAName, password = "not-the-password" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.TryGetProperty("accessToken", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var client = Factory.CreateClient();

        var unknown = await (await client.PostAsJsonAsync("/api/auth/token", new { username = "nobody", password = "whatever" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var wrong = await (await client.PostAsJsonAsync("/api/auth/token", new { username = DemoData.SalesAName, password = "whatever" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        unknown.GetProperty("title").GetString().Should().Be(wrong.GetProperty("title").GetString());
        unknown.GetProperty("detail").GetString().Should().Be(wrong.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_fields_are_400_with_field_errors()
    {
        var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { });

        await response.ShouldBeValidationProblemAsync("username", "password");
    }

    [Fact]
    public async Task Empty_fields_are_400_with_field_errors()
    {
        var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "", password = "" });

        await response.ShouldBeValidationProblemAsync("username", "password");
    }
}
