using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Invalidation;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Writes;

/// <summary>
/// A command reads its lead through the database-level cache and saves it under the version check: a write of a
/// cached lead sends its UPDATE and no SELECT of the lead. A cached copy that is behind the row (changed behind the
/// API here, so nothing invalidated it) cannot win: an unconditional write loses the check once and runs again from
/// the row, a write stating a version reads the row before deciding (the change, or 409 with the row's version),
/// and a status change that the copy would answer without saving (no change, a refused move) is checked against
/// the row first.
/// </summary>
public sealed partial class CachedLeadWriteTests(WriteRaceApiFactory factory) : IClassFixture<WriteRaceApiFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        factory.Conflicts.Reset();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_write_of_a_cached_lead_sends_its_update_and_no_select_of_the_lead()
    {
        using var client = await factory.CreateSalesAClientAsync();
        var lead = await FirstLeadAsync();
        var url = $"/api/leads/{lead.Id}";
        await client.WarmAsync(url);

        factory.Queries.Reset();
        var response = await client.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = "written from the cached copy" }, CachedRead.Json);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var texts = factory.Queries.Texts;
        texts.Should().NotContain(t => SelectOfLeads().IsMatch(t), "the lead came from the cache; commands: {0}", string.Join(" | ", texts));
        texts.Should().ContainSingle(t => t.Contains("UPDATE leads", StringComparison.Ordinal), "EF sends the UPDATE with the outbox row in one batch");
        (await StoredAsync(lead.Id)).Notes.Should().Be("written from the cached copy");
    }

    [Fact]
    public async Task An_unconditional_write_over_a_copy_that_is_behind_the_row_runs_again_from_the_row()
    {
        var (client, lead, url) = await CopyBehindTheRowAsync();
        using var _ = client;

        var response = await client.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = "mine" }, CachedRead.Json);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<LeadDto>(CachedRead.Json))!.Version.Should().Be(lead.Version + 2, "the write landed on the row's version, not the copy's");
        factory.Conflicts.Count.Should().Be(1, "the save from the cached copy lost the version check once");
        var stored = await StoredAsync(lead.Id);
        stored.Notes.Should().Be("mine");
        stored.Version.Should().Be(lead.Version + 2);
    }

    [Fact]
    public async Task A_write_stating_a_newer_version_than_the_copy_reads_the_row_and_succeeds()
    {
        var (client, lead, url) = await CopyBehindTheRowAsync();
        using var _ = client;

        var response = await client.PutAsJsonAsync(url, LeadRequests.Update(lead, version: lead.Version + 1) with { Notes = "mine" }, CachedRead.Json);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the caller saw the row's version; the copy was behind it");
        factory.Conflicts.Count.Should().Be(0, "the row was read before deciding");
        (await StoredAsync(lead.Id)).Notes.Should().Be("mine");
    }

    [Fact]
    public async Task A_write_stating_the_copys_version_when_the_row_moved_on_is_refused_with_the_rows_version()
    {
        var (client, lead, url) = await CopyBehindTheRowAsync();
        using var _ = client;

        var response = await client.PutAsJsonAsync(url, LeadRequests.Update(lead, version: lead.Version) with { Notes = "mine" }, CachedRead.Json);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).Should().Contain((lead.Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "the answer names the row's version");
        var stored = await StoredAsync(lead.Id);
        stored.Notes.Should().Be("behind the API");
        stored.Version.Should().Be(lead.Version + 1);
    }

    [Fact]
    public async Task A_status_change_the_copy_calls_no_change_runs_from_the_row_when_the_copy_is_behind()
    {
        var (client, created, url) = await NewLeadMovedBehindTheApiAsync(LeadStatus.Lost);
        using var _ = client;

        // The copy says New already; the row says Lost, from which New is allowed.
        var response = await client.PatchAsJsonAsync($"{url}/status", new { status = "New" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = (await response.Content.ReadFromJsonAsync<LeadDto>(CachedRead.Json))!;
        answer.Status.Should().Be(LeadStatus.New);
        answer.Version.Should().Be(created.Version + 2, "the move from the row's Lost was saved");
        (await StoredAsync(created.Id)).Status.Should().Be(LeadStatus.New);
    }

    [Fact]
    public async Task A_status_move_the_copy_refuses_runs_from_the_row_when_the_copy_is_behind()
    {
        var (client, created, url) = await NewLeadMovedBehindTheApiAsync(LeadStatus.Proposal);
        using var _ = client;

        // New to Won is refused; the row's Proposal to Won is allowed.
        var response = await client.PatchAsJsonAsync($"{url}/status", new { status = "Won" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the move is decided on the row, not on the copy");
        (await StoredAsync(created.Id)).Status.Should().Be(LeadStatus.Won);
    }

    [GeneratedRegex(@"(?:^|;)\s*SELECT\b[^;]*\bFROM leads\b", RegexOptions.CultureInvariant)]
    private static partial Regex SelectOfLeads();

    /// <summary>A member's client, a lead of their team whose cached copy is warm, and the row changed behind the API since (one version ahead of the copy).</summary>
    private async Task<(HttpClient Client, Lead Lead, string Url)> CopyBehindTheRowAsync()
    {
        var client = await factory.CreateSalesAClientAsync();
        var lead = await FirstLeadAsync();
        var url = $"/api/leads/{lead.Id}";
        await client.WarmAsync(url);
        await ChangeBehindTheApiAsync(lead.Id);
        return (client, lead, url);
    }

    private Task<Lead> FirstLeadAsync() => factory.WithDbAsync(db => db.Leads.AsNoTracking()
        .Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());

    private Task<Lead> StoredAsync(Guid id) => factory.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));

    /// <summary>A member's client and a new lead of their team (status New) whose cached copy is warm, moved to <paramref name="status"/> behind the API since.</summary>
    private async Task<(HttpClient Client, LeadDto Created, string Url)> NewLeadMovedBehindTheApiAsync(LeadStatus status)
    {
        var client = await factory.CreateSalesAClientAsync();
        var created = await Leads.IntegrationTests.Api.LeadRequests.CreateAsync(client, Leads.IntegrationTests.Api.LeadRequests.Body(DemoData.TeamA));
        var url = $"/api/leads/{created.Id}";
        await client.WarmAsync(url);
        await MoveBehindTheApiAsync(created.Id, status);
        return (client, created, url);
    }

    private Task<int> MoveBehindTheApiAsync(Guid id, LeadStatus status) => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
        "UPDATE leads SET \"Status\" = {0}, \"Version\" = \"Version\" + 1 WHERE \"Id\" = {1}", status.ToString(), id));

    // No outbox row, no invalidation: the cached copy stays as it was, one version behind the row.
    private Task<int> ChangeBehindTheApiAsync(Guid id) => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
        "UPDATE leads SET \"Notes\" = 'behind the API', \"Version\" = \"Version\" + 1 WHERE \"Id\" = {0}", id));
}
