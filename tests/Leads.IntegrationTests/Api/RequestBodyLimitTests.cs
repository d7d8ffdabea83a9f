using System.Net;
using System.Net.Http.Json;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>Request bodies are capped at 64 KiB by the server, before any JSON is parsed.</summary>
[Collection(KestrelCollection.Name)]
public sealed class RequestBodyLimitTests(KestrelLeadsApiFactory kestrel) : IAsyncLifetime
{
    public Task InitializeAsync() => kestrel.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_body_over_64_KiB_is_413_problem_and_nothing_is_stored()
    {
        var client = await kestrel.CreateSalesAClientAsync();
        var body = LeadRequests.Body(DemoData.TeamA, name: "Oversized");
        body["notes"] = new string('n', 70 * 1024);

        var response = await client.PostAsJsonAsync("/api/leads", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await kestrel.WithDbAsync(db => db.Leads.AnyAsync(l => l.Name == "Oversized"))).Should().BeFalse();
    }

    [Fact]
    public async Task A_body_just_under_64_KiB_is_read_and_validated()
    {
        var client = await kestrel.CreateSalesAClientAsync();
        var body = LeadRequests.Body(DemoData.TeamA);
        body["notes"] = new string('n', 60 * 1024);

        var response = await client.PostAsJsonAsync("/api/leads", body);

        await response.ShouldBeValidationProblemAsync("notes");
    }
}
