using System.Net;
using System.Net.Http.Json;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>A member works inside their teams only; another team's lead does not exist for them. Admins see all.</summary>
public sealed class TeamIsolationTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Member_lists_only_the_leads_of_their_team()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var teamA = await CountAsync(DemoData.TeamA);

        var page = await (await client.GetAsync("/api/leads?pageSize=100")).ReadAsync<PagedResult<LeadDto>>();

        teamA.Should().BeGreaterThan(0);
        page.TotalCount.Should().Be(teamA);
        page.Items.Should().HaveCount(teamA).And.OnlyContain(l => l.TeamId == DemoData.TeamA);
    }

    [Fact]
    public async Task Two_members_of_different_teams_see_disjoint_lists()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var salesB = await Factory.CreateSalesBClientAsync();

        var a = await (await salesA.GetAsync("/api/leads?pageSize=100")).ReadAsync<PagedResult<LeadDto>>();
        var b = await (await salesB.GetAsync("/api/leads?pageSize=100")).ReadAsync<PagedResult<LeadDto>>();

        b.Items.Should().OnlyContain(l => l.TeamId == DemoData.TeamB);
        b.TotalCount.Should().Be(await CountAsync(DemoData.TeamB));
        a.Items.Select(l => l.Id).Should().NotIntersectWith(b.Items.Select(l => l.Id));
    }

    [Fact]
    public async Task Admin_sees_the_leads_of_every_team()
    {
        var client = await Factory.CreateAdminClientAsync();

        var page = await (await client.GetAsync("/api/leads?pageSize=100")).ReadAsync<PagedResult<LeadDto>>();

        page.TotalCount.Should().Be(LeadsApiFactory.SeedLeads);
        page.Items.Select(l => l.TeamId).Distinct().Should().BeEquivalentTo([DemoData.TeamA, DemoData.TeamB, DemoData.TeamC]);
    }

    [Fact]
    public async Task Member_reading_a_lead_of_another_team_gets_404_not_403()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var teamBLead = await AnyLeadOfAsync(DemoData.TeamB);

        var response = await client.GetAsync($"/api/leads/{teamBLead}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Member_reading_a_lead_of_their_team_gets_it()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var teamALead = await AnyLeadOfAsync(DemoData.TeamA);

        var lead = await (await client.GetAsync($"/api/leads/{teamALead}")).ReadAsync<LeadDto>();

        lead.Id.Should().Be(teamALead);
        lead.TeamId.Should().Be(DemoData.TeamA);
    }

    [Fact]
    public async Task Member_cannot_change_or_delete_a_lead_of_another_team_and_it_stays_unchanged()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var teamBLead = await AnyLeadOfAsync(DemoData.TeamB);

        await (await client.PutAsJsonAsync($"/api/leads/{teamBLead}", LeadRequests.Body())).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PatchAsJsonAsync($"/api/leads/{teamBLead}/status", new { status = "Lost" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/leads/{teamBLead}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var version = await Factory.WithDbAsync(db => db.Leads.Where(l => l.Id == teamBLead).Select(l => l.Version).SingleAsync());
        version.Should().Be(1);
    }

    [Fact]
    public async Task Member_creating_a_lead_for_another_team_gets_403_and_nothing_is_stored()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.PostAsJsonAsync("/api/leads", LeadRequests.Body(DemoData.TeamB, name: "Smuggled Lead"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await Factory.WithDbAsync(db => db.Leads.AnyAsync(l => l.Name == "Smuggled Lead"))).Should().BeFalse();
    }

    [Fact]
    public async Task Member_moving_their_lead_to_another_team_gets_403()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var teamALead = await AnyLeadOfAsync(DemoData.TeamA);

        var response = await client.PutAsJsonAsync($"/api/leads/{teamALead}", LeadRequests.Body(DemoData.TeamB));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await Factory.WithDbAsync(db => db.Leads.Where(l => l.Id == teamALead).Select(l => l.TeamId).SingleAsync())).Should().Be(DemoData.TeamA);
    }

    [Fact]
    public async Task Member_with_one_team_may_omit_the_team_when_creating()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(teamId: null));

        lead.TeamId.Should().Be(DemoData.TeamA);
    }

    [Fact]
    public async Task Admin_may_create_a_lead_for_any_team()
    {
        var client = await Factory.CreateAdminClientAsync();

        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamC));

        lead.TeamId.Should().Be(DemoData.TeamC);
    }

    [Fact]
    public async Task Admin_without_teams_must_name_the_team()
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostAsJsonAsync("/api/leads", LeadRequests.Body(teamId: null));

        await response.ShouldBeValidationProblemAsync("teamId");
    }

    [Fact]
    public async Task Moving_a_lead_to_another_team_moves_it_between_the_members_lists_at_once()
    {
        var admin = await Factory.CreateAdminClientAsync();
        var salesA = await Factory.CreateSalesAClientAsync();
        var salesB = await Factory.CreateSalesBClientAsync();
        var lead = await LeadRequests.CreateAsync(admin, LeadRequests.Body(DemoData.TeamA, name: "Travelling Lead"));
        (await ListIdsAsync(salesA)).Should().Contain(lead.Id);
        (await ListIdsAsync(salesB)).Should().NotContain(lead.Id);
        (await salesA.GetAsync($"/api/leads/{lead.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var moved = await admin.PutAsJsonAsync($"/api/leads/{lead.Id}", LeadRequests.Body(DemoData.TeamB, name: "Travelling Lead"));

        moved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ListIdsAsync(salesA)).Should().NotContain(lead.Id, "the old team's cached list must be invalidated");
        (await ListIdsAsync(salesB)).Should().Contain(lead.Id);
        await (await salesA.GetAsync($"/api/leads/{lead.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await salesB.GetAsync($"/api/leads/{lead.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<IEnumerable<Guid>> ListIdsAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/leads?pageSize=100")).ReadAsync<PagedResult<LeadDto>>()).Items.Select(l => l.Id);

    private Task<int> CountAsync(Guid teamId) => Factory.WithDbAsync(db => db.Leads.CountAsync(l => l.TeamId == teamId));

    private Task<Guid> AnyLeadOfAsync(Guid teamId) =>
        Factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == teamId).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());
}
