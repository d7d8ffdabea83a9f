using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Leads.IntegrationTests.Api;
using static Leads.IntegrationTests.Http.HttpCacheHeaders;
using static Leads.IntegrationTests.Http.LeadsApiCalls;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// A write whose precondition held can still lose a race: another client's change is committed between the check
/// and this write's commit. The database's version check catches it, and the answer names what the client relied
/// on: 412 after If-Match (the tag no longer names the current version), 409 after a stated version.
/// </summary>
public sealed class WriteRaceTests(RacingWriteApiFactory factory) : IClassFixture<RacingWriteApiFactory>, IAsyncLifetime
{
    public static TheoryData<string> Writes() => new() { "PUT", "PATCH", "DELETE" };

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_that_loses_a_race_after_its_if_match_held_is_412_and_leaves_the_other_change(string method)
    {
        var (client, lead, etag) = await ArrangeAsync();
        factory.Injector.Arm(lead["id"]!.GetValue<Guid>());

        var response = await WriteAsync(client, method, lead, r => r.Headers.TryAddWithoutValidation("If-Match", etag), version: null);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        (await VersionInDatabaseAsync(lead)).Should().Be(lead["version"]!.GetValue<long>() + 1, "only the other change was committed");
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_that_loses_a_race_after_its_stated_version_held_is_409(string method)
    {
        var (client, lead, _) = await ArrangeAsync();
        factory.Injector.Arm(lead["id"]!.GetValue<Guid>());

        var response = await WriteAsync(client, method, lead, configure: null, version: lead["version"]!.GetValue<long>());

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await VersionInDatabaseAsync(lead)).Should().Be(lead["version"]!.GetValue<long>() + 1);
    }

    private async Task<(HttpClient Client, JsonObject Lead, string ETag)> ArrangeAsync()
    {
        var client = await factory.CreateSalesAClientAsync();
        var lead = await FirstLeadAsync(client, "status=New");
        var response = await client.GetAsync($"/api/leads/{lead["id"]}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (client, lead, ETag(response)!);
    }

    private Task<long> VersionInDatabaseAsync(JsonObject lead) =>
        factory.WithDbAsync(async db => (await db.Leads.FindAsync(lead["id"]!.GetValue<Guid>()))!.Version);

    private static Task<HttpResponseMessage> WriteAsync(HttpClient client, string method, JsonObject lead, Action<HttpRequestMessage>? configure, long? version)
    {
        var url = $"/api/leads/{lead["id"]}";
        return method switch
        {
            "PUT" => SendAsync(client, HttpMethod.Put, url, configure, JsonContent.Create(LeadRequests.From(lead, "Raced", version))),
            "PATCH" => SendAsync(client, HttpMethod.Patch, url + "/status", configure, JsonContent.Create(new { status = "Contacted", version })),
            "DELETE" => SendAsync(client, HttpMethod.Delete, version is null ? url : $"{url}?version={version}", configure),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
    }
}
