using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// A member's visibility check (policy LeadVisibility) is cached in their own partition and depends only on the
/// lead's membership: an edit of another field leaves it cached, so the read after the edit costs only the
/// lead's reload; a move to another team or a deletion is seen by the very next read.
/// </summary>
public sealed class LeadVisibilityCacheTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task After_an_edit_a_members_read_reloads_the_lead_but_not_its_visibility()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var id = await Factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == DemoData.TeamA).Select(l => l.Id).FirstAsync());
        var lead = (await salesA.GetFromJsonAsync<JsonObject>($"/api/leads/{id}"))!;

        var body = LeadRequests.From(lead);
        body["notes"] = "Called back on Tuesday.";
        (await salesA.PutAsJsonAsync($"/api/leads/{id}", body)).EnsureSuccessStatusCode();
        Factory.Queries.Reset();
        var after = (await salesA.GetFromJsonAsync<JsonObject>($"/api/leads/{id}"))!;

        after["notes"]!.GetValue<string>().Should().Be("Called back on Tuesday.");
        Factory.Queries.Count.Should().Be(1, "the edited lead is read again, its visibility to Team A is still cached");
    }

    [Fact]
    public async Task A_lead_moved_to_another_team_is_refused_to_its_old_team_at_once()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var salesB = await Factory.CreateSalesBClientAsync();
        var admin = await Factory.CreateAdminClientAsync();
        var id = await Factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == DemoData.TeamA).Select(l => l.Id).FirstAsync());
        var lead = (await salesA.GetFromJsonAsync<JsonObject>($"/api/leads/{id}"))!;
        (await salesA.GetAsync($"/api/leads/{id}")).EnsureSuccessStatusCode();

        var body = LeadRequests.From(lead);
        body["teamId"] = DemoData.TeamB;
        body["ownerUserId"] = null;
        (await admin.PutAsJsonAsync($"/api/leads/{id}", body)).EnsureSuccessStatusCode();

        (await salesA.GetAsync($"/api/leads/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await salesB.GetAsync($"/api/leads/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deleted_lead_is_refused_at_once()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var id = await Factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == DemoData.TeamA).Select(l => l.Id).FirstAsync());
        (await salesA.GetAsync($"/api/leads/{id}")).EnsureSuccessStatusCode();

        (await salesA.DeleteAsync($"/api/leads/{id}")).EnsureSuccessStatusCode();

        (await salesA.GetAsync($"/api/leads/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
