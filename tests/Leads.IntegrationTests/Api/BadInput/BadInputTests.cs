using System.Net.Http.Json;
using System.Text.Json;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api.BadInput;

/// <summary>
/// Every operation of the served OpenAPI document, tried with every kind of bad input on each of its parameters
/// and body fields (see <see cref="BadValues"/>): each answer is a 4xx problem document with a message, carries
/// no cache detail and no validator, and the database is exactly as before.
/// </summary>
public sealed class BadInputTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Every_bad_input_of_every_operation_is_a_4xx_problem_that_changes_and_caches_nothing()
    {
        var client = await Factory.CreateAdminClientAsync();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = OpenApiOperation.ReadAll(document);
        var leadId = await Factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == DemoData.TeamA).Select(l => l.Id).FirstAsync());
        var before = await SnapshotAsync();
        var failures = new List<string>();
        var tried = 0;

        foreach (var operation in operations)
        {
            foreach (var badInput in BadInputCases.For(operation, leadId))
            {
                tried++;
                using var response = await client.SendAsync(badInput.ToRequest());
                var problem = await Problems(response);
                if (problem is not null)
                {
                    failures.Add($"{badInput}: {problem}");
                }
            }
        }

        operations.Should().HaveCountGreaterThan(10, "the document lists every operation");
        tried.Should().BeGreaterThan(500);
        failures.Should().BeEmpty("every bad input must be refused with a 4xx problem ({0} tried); refused wrongly:\n{1}", tried, string.Join("\n", failures.Take(60)));
        (await SnapshotAsync()).Should().Be(before, "no bad input writes anything");
    }

    /// <summary>What is wrong with the answer to a bad input, or null when it is a proper refusal.</summary>
    private static async Task<string?> Problems(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var summary = $"{status} {(body.Length > 300 ? body[..300] : body)}";
        if (status is < 400 or > 499)
        {
            return summary;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return "not a problem document: " + summary;
        }

        if (response.Headers.Contains("Cache-Status") || response.Headers.ETag is not null || response.Headers.CacheControl?.NoStore != true)
        {
            return $"cache detail on an error (Cache-Status {string.Join(",", response.Headers.TryGetValues("Cache-Status", out var s) ? s : [])}, ETag {response.Headers.ETag}): {summary}";
        }

        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;
        var hasMessage = (root.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()))
            || (root.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any());
        return hasMessage ? null : "no detail or errors: " + summary;
    }

    private Task<string> SnapshotAsync() => Factory.WithDbAsync(async db =>
    {
        var leads = await db.Leads.OrderBy(l => l.Id).Select(l => l.Id + ":" + l.Version + ":" + l.Status).ToListAsync();
        var categories = await db.Categories.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Name).ToListAsync();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => u.Id + ":" + u.Role + ":" + u.IsActive).ToListAsync();
        var memberships = await db.TeamMemberships.CountAsync();
        return string.Join("|", leads) + "#" + string.Join("|", categories) + "#" + string.Join("|", users) + "#" + memberships;
    });
}
