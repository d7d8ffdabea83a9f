using System.Net;
using System.Net.Http.Json;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// PUT /api/admin/users/{id}/access. Role and teams are not in the token but read per request through the
/// cached authorization data, so a change must apply to the user's very next request, not after the cache expires.
/// </summary>
public sealed class UserAccessTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Deactivated_user_is_refused_on_the_next_request()
    {
        var admin = await Factory.CreateAdminClientAsync();
        var salesB = await Factory.CreateSalesBClientAsync();
        (await salesB.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.OK, "the user's access is now cached");

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{DemoData.SalesBUser}/access",
            new { role = "Member", teamIds = new[] { DemoData.TeamB }, isActive = false });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadJsonAsync()).GetProperty("isActive").GetBoolean().Should().BeFalse();
        await (await salesB.GetAsync("/api/leads")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Deactivated_user_cannot_sign_in_and_reactivation_lets_them_back()
    {
        var admin = await Factory.CreateAdminClientAsync();
        var anonymous = Factory.CreateClient();
        var credentials = new { username = DemoData.SalesBName, password = DemoData.SalesBPassword };
        await admin.PutAsJsonAsync($"/api/admin/users/{DemoData.SalesBUser}/access", new { role = "Member", teamIds = new[] { DemoData.TeamB }, isActive = false });

        await (await anonymous.PostAsJsonAsync("/api/auth/token", credentials)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        await admin.PutAsJsonAsync($"/api/admin/users/{DemoData.SalesBUser}/access", new { role = "Member", teamIds = new[] { DemoData.TeamB }, isActive = true });
        (await anonymous.PostAsJsonAsync("/api/auth/token", credentials)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_a_users_teams_changes_their_list_at_once()
    {
        var admin = await Factory.CreateAdminClientAsync();
        var salesA = await Factory.CreateSalesAClientAsync();
        var before = await ListAsync(salesA);
        var teamALead = before.Items[0].Id;
        var expected = await Factory.WithDbAsync(db => db.Leads.CountAsync(l => l.TeamId == DemoData.TeamA || l.TeamId == DemoData.TeamC));

        await GrantAsync(admin, DemoData.SalesAUser, DemoData.TeamA, DemoData.TeamC);
        var widened = await ListAsync(salesA);

        widened.TotalCount.Should().Be(expected);
        widened.Items.Select(l => l.TeamId).Distinct().Should().BeEquivalentTo([DemoData.TeamA, DemoData.TeamC]);

        await GrantAsync(admin, DemoData.SalesAUser, DemoData.TeamC);
        var moved = await ListAsync(salesA);

        moved.Items.Should().OnlyContain(l => l.TeamId == DemoData.TeamC);
        await (await salesA.GetAsync($"/api/leads/{teamALead}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Promoting_a_member_to_admin_opens_admin_endpoints_at_once()
    {
        var admin = await Factory.CreateAdminClientAsync();
        var salesA = await Factory.CreateSalesAClientAsync();
        (await salesA.DeleteAsync("/api/admin/cache?all=true")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await admin.PutAsJsonAsync($"/api/admin/users/{DemoData.SalesAUser}/access", new { role = "Admin", teamIds = Array.Empty<Guid>(), isActive = true });

        (await salesA.DeleteAsync("/api/admin/cache?all=true")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ListAsync(salesA)).TotalCount.Should().Be(LeadsApiFactory.SeedLeads);
    }

    [Fact]
    public async Task Access_change_returns_the_new_access_and_stores_it()
    {
        var admin = await Factory.CreateAdminClientAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{DemoData.SalesBUser}/access",
            new { role = "Member", teamIds = new[] { DemoData.TeamC, DemoData.TeamB, DemoData.TeamC }, isActive = true });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("teamIds").EnumerateArray().Select(t => t.GetGuid()).Should().BeEquivalentTo([DemoData.TeamB, DemoData.TeamC]);
        body.GetProperty("role").GetString().Should().Be("Member");
        var stored = await Factory.WithDbAsync(db => db.TeamMemberships.Where(m => m.UserId == DemoData.SalesBUser).Select(m => m.TeamId).ToListAsync());
        stored.Should().BeEquivalentTo([DemoData.TeamB, DemoData.TeamC]);
    }

    [Fact]
    public async Task Access_change_for_an_unknown_user_is_404()
    {
        var admin = await Factory.CreateAdminClientAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{Guid.NewGuid()}/access", new { role = "Member", teamIds = new[] { DemoData.TeamA }, isActive = true });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Access_change_to_an_unknown_team_is_400_on_teamIds()
    {
        var admin = await Factory.CreateAdminClientAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{DemoData.SalesAUser}/access", new { role = "Member", teamIds = new[] { Guid.NewGuid() }, isActive = true });

        await response.ShouldBeValidationProblemAsync("teamIds");
    }

    [Fact]
    public async Task Member_cannot_change_access_and_their_own_access_is_unchanged()
    {
        var salesA = await Factory.CreateSalesAClientAsync();

        var response = await salesA.PutAsJsonAsync($"/api/admin/users/{DemoData.SalesAUser}/access", new { role = "Admin", teamIds = Array.Empty<Guid>(), isActive = true });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await ListAsync(salesA)).Items.Should().OnlyContain(l => l.TeamId == DemoData.TeamA);
    }

    private static async Task GrantAsync(HttpClient admin, Guid userId, params Guid[] teams)
    {
        var response = await admin.PutAsJsonAsync($"/api/admin/users/{userId}/access", new { role = "Member", teamIds = teams, isActive = true });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<PagedResult<LeadDto>> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/leads?pageSize=100");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.ReadAsync<PagedResult<LeadDto>>();
    }
}
