using System.Net;
using System.Net.Http.Json;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Api;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Writes;

/// <summary>
/// Writes without If-Match or version are last-writer-wins: racing on one lead they all land, one after the
/// other, and each committed write publishes its events once. Writes that state a version keep their 409/412.
/// </summary>
public sealed class LastWriterWinsTests(WriteRaceApiFactory factory) : IClassFixture<WriteRaceApiFactory>, IAsyncLifetime
{
    // Enough writers on one row that saves lose races on every run (the test asserts that they did).
    private const int Writers = 16;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        factory.Published.Clear();
        factory.Conflicts.Reset();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Unconditional_puts_racing_on_one_lead_all_succeed_and_the_lead_ends_as_one_of_them()
    {
        using var client = await factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));

        var responses = await Task.WhenAll(Enumerable.Range(1, Writers).Select(i =>
            client.PutAsJsonAsync($"/api/leads/{lead.Id}", Write(i))));

        await AllOkAsync(responses);
        var stored = await StoredAsync(lead.Id);
        stored.Version.Should().Be(lead.Version + Writers, "every write committed, one after the other");
        var winner = int.Parse(stored.Name["Writer ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        winner.Should().BeInRange(1, Writers);
        stored.Score.Should().Be(winner, "the stored row is one whole write, not a mix of two");
        stored.EstimatedValue.Should().Be(1000m * winner);
        factory.Published.Of<LeadUpdated>(e => e.LeadId == lead.Id).Should().HaveCount(Writers, "each committed write publishes once; a lost attempt publishes nothing");
        factory.Conflicts.Count.Should().BePositive("the writes raced: some saves lost and were run again");
    }

    [Fact]
    public async Task Unconditional_status_changes_and_puts_racing_on_one_lead_all_succeed()
    {
        using var client = await factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));

        // New <-> Lost is allowed both ways, so every order of these changes is valid; one to the current status changes nothing.
        var puts = Enumerable.Range(1, Writers).Select(i => client.PutAsJsonAsync($"/api/leads/{lead.Id}", Write(i)));
        var patches = Enumerable.Range(1, Writers).Select(i =>
            client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = i % 2 == 0 ? "New" : "Lost" }));
        var responses = await Task.WhenAll(puts.Concat(patches));

        await AllOkAsync(responses);
        var stored = await StoredAsync(lead.Id);
        var statusChanges = factory.Published.Of<LeadStatusChanged>(e => e.LeadId == lead.Id);
        statusChanges.Should().NotBeEmpty();
        factory.Published.Of<LeadUpdated>(e => e.LeadId == lead.Id).Should().HaveCount(Writers);
        stored.Version.Should().Be(lead.Version + Writers + statusChanges.Count, "every committed change bumped the version once and published once");
        stored.Status.Should().BeOneOf(LeadStatus.New, LeadStatus.Lost);
        factory.Conflicts.Count.Should().BePositive("the writes raced: some saves lost and were run again");
    }

    [Fact]
    public async Task An_unconditional_delete_racing_with_puts_deletes_the_lead_and_no_write_answers_409()
    {
        using var client = await factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));

        var puts = Enumerable.Range(1, Writers).Select(i => client.PutAsJsonAsync($"/api/leads/{lead.Id}", Write(i))).ToArray();
        var delete = client.DeleteAsync($"/api/leads/{lead.Id}");
        var responses = await Task.WhenAll(puts.Append(delete));

        (await delete).StatusCode.Should().Be(HttpStatusCode.NoContent, await (await delete).Content.ReadAsStringAsync());
        foreach (var put in responses.SkipLast(1))
        {
            put.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.NotFound], "a put before the delete lands, one after it finds no lead: {0}", await put.Content.ReadAsStringAsync());
        }

        (await factory.WithDbAsync(db => db.Leads.AnyAsync(l => l.Id == lead.Id))).Should().BeFalse();
        factory.Published.Of<LeadDeleted>(e => e.LeadId == lead.Id).Should().ContainSingle();
        var landed = responses.SkipLast(1).Count(r => r.StatusCode == HttpStatusCode.OK);
        factory.Published.Of<LeadUpdated>(e => e.LeadId == lead.Id).Should().HaveCount(landed, "only puts that answered 200 committed");
    }

    [Fact]
    public async Task Racing_writes_stating_the_same_version_let_exactly_one_through_and_answer_409_to_the_others()
    {
        using var client = await factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));

        var responses = await Task.WhenAll(Enumerable.Range(1, Writers).Select(i =>
        {
            var body = Write(i);
            body["version"] = lead.Version;
            return client.PutAsJsonAsync($"/api/leads/{lead.Id}", body);
        }));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1, "a stated version is a condition, and only one write can meet it");
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await loser.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }

        (await StoredAsync(lead.Id)).Version.Should().Be(lead.Version + 1);
        factory.Published.Of<LeadUpdated>(e => e.LeadId == lead.Id).Should().ContainSingle();
    }

    [Fact]
    public async Task Racing_writes_with_the_same_If_Match_let_exactly_one_through_and_answer_412_to_the_others()
    {
        using var client = await factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        var etag = (await client.GetAsync($"/api/leads/{lead.Id}")).Headers.ETag!;

        var responses = await Task.WhenAll(Enumerable.Range(1, Writers).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/leads/{lead.Id}") { Content = JsonContent.Create(Write(i)) };
            request.Headers.IfMatch.Add(etag);
            return client.SendAsync(request);
        }));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await loser.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        }

        (await StoredAsync(lead.Id)).Version.Should().Be(lead.Version + 1);
    }

    [Fact]
    public async Task A_stale_version_is_still_409_and_changes_nothing()
    {
        using var client = await factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        (await client.PutAsJsonAsync($"/api/leads/{lead.Id}", Write(1))).StatusCode.Should().Be(HttpStatusCode.OK);
        var stale = Write(2);
        stale["version"] = lead.Version;

        await (await client.PutAsJsonAsync($"/api/leads/{lead.Id}", stale)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Lost", version = lead.Version })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.DeleteAsync($"/api/leads/{lead.Id}?version={lead.Version}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var stored = await StoredAsync(lead.Id);
        stored.Name.Should().Be("Writer 1");
        stored.Version.Should().Be(lead.Version + 1);
    }

    [Fact]
    public async Task An_unconditional_status_change_to_a_forbidden_status_is_409_after_one_attempt()
    {
        using var client = await factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));

        var response = await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Won" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("cannot move from New to Won", "a rule violation is reported as such, not retried into a contention error");
        (await StoredAsync(lead.Id)).Status.Should().Be(LeadStatus.New);
    }

    private static Dictionary<string, object?> Write(int writer)
    {
        var body = LeadRequests.Body(DemoData.TeamA, name: $"Writer {writer}");
        body["score"] = writer;
        body["estimatedValue"] = 1000m * writer;
        return body;
    }

    private static async Task AllOkAsync(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, "{0} {1} answered {2}", response.RequestMessage?.Method, response.RequestMessage?.RequestUri, await response.Content.ReadAsStringAsync());
        }
    }

    private Task<Lead> StoredAsync(Guid id) => factory.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));
}
