using System.Net;
using System.Net.Http.Json;
using System.Text;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>Bad requests of every kind end in a problem document that names what was wrong, and store nothing.</summary>
public sealed class RequestErrorTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Invalid_fields_are_400_with_camelCase_field_names()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var body = LeadRequests.Body(DemoData.TeamA, name: "");
        body["email"] = "not-an-email";
        body["score"] = 101;
        body["estimatedValue"] = -1m;
        body["phone"] = "call me maybe";

        var response = await client.PostAsJsonAsync("/api/leads", body);

        var problem = await response.ShouldBeValidationProblemAsync("name", "email", "score", "estimatedValue", "phone");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().OnlyContain(k => char.IsLower(k[0]));
        (await Factory.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(LeadsApiFactory.SeedLeads);
    }

    [Fact]
    public async Task Update_validation_errors_name_the_fields_too()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var id = await Factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == DemoData.TeamA).Select(l => l.Id).FirstAsync());
        var body = LeadRequests.Body(DemoData.TeamA);
        body["email"] = "nope";
        body["version"] = 0;

        var response = await client.PutAsJsonAsync($"/api/leads/{id}", body);

        await response.ShouldBeValidationProblemAsync("email", "version");
    }

    [Fact]
    public async Task Missing_required_fields_are_400_with_camelCase_field_names()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.PostAsJsonAsync("/api/leads", new { phone = "+1 555 0100", score = 10 });

        await response.ShouldBeValidationProblemAsync("name", "email", "company", "source");
    }

    [Fact]
    public async Task Malformed_json_is_400_problem()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.PostAsync("/api/leads", new StringContent("{\"name\": \"Ada\", \"email\": ", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_400_naming_the_field()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var body = LeadRequests.Body(DemoData.TeamA);
        body["score"] = "eighty";

        var response = await client.PostAsJsonAsync("/api/leads", body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Contain(k => k.Contains("score", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_json_on_the_token_endpoint_is_400_problem()
    {
        var client = Factory.CreateClient();

        var response = await client.PostAsync("/api/auth/token", new StringContent("username=admin", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_problem()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.PostAsync("/api/leads", new StringContent("name=Ada", Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/leads/summary/extra")]
    [InlineData("/nothing")]
    public async Task Unknown_route_is_404_problem(string url)
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.GetAsync(url);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_route_is_404_for_anonymous_callers_too()
    {
        var client = Factory.CreateClient();

        var response = await client.GetAsync("/api/nothing-here");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wrong_method_is_405_problem()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.PostAsJsonAsync("/api/leads/summary", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}
