using System.Net;
using System.Net.Http.Json;
using Leads.Domain.Leads;
using Leads.Domain.Users;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// A field left out of a request must be refused, not read as its default: a missing status is not "New",
/// a missing active flag is not "deactivate", a missing role is not "Member".
/// </summary>
public sealed class RequiredFieldTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Status_change_without_a_status_is_400_and_leaves_a_lost_lead_lost()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        (await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Lost" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { version = 2 });

        await response.ShouldBeValidationProblemAsync("status");
        (await Factory.WithDbAsync(db => db.Leads.Where(l => l.Id == lead.Id).Select(l => l.Status).SingleAsync())).Should().Be(LeadStatus.Lost);
    }

    [Theory]
    [InlineData("score")]
    [InlineData("estimatedValue")]
    public async Task Create_without_a_number_field_is_400_not_zero(string field)
    {
        var client = await Factory.CreateSalesAClientAsync();
        var body = LeadRequests.Body(DemoData.TeamA, name: "No " + field);
        body.Remove(field);

        var response = await client.PostAsJsonAsync("/api/leads", body);

        await response.ShouldBeValidationProblemAsync(field);
        (await Factory.WithDbAsync(db => db.Leads.AnyAsync(l => l.Name == "No " + field))).Should().BeFalse();
    }

    [Theory]
    [InlineData("score")]
    [InlineData("estimatedValue")]
    public async Task Replace_without_a_number_field_is_400_and_keeps_the_old_value(string field)
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        var body = LeadRequests.Body(DemoData.TeamA);
        body.Remove(field);

        var response = await client.PutAsJsonAsync($"/api/leads/{lead.Id}", body);

        await response.ShouldBeValidationProblemAsync(field);
        (await Factory.WithDbAsync(db => db.Leads.Where(l => l.Id == lead.Id).Select(l => new { l.Score, l.EstimatedValue }).SingleAsync()))
            .Should().Be(new { lead.Score, lead.EstimatedValue });
    }

    [Fact]
    public async Task Access_change_without_the_active_flag_is_400_and_keeps_the_user_active()
    {
        var admin = await Factory.CreateAdminClientAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{DemoData.SalesBUser}/access", new { role = "Member", teamIds = new[] { DemoData.TeamB } });

        await response.ShouldBeValidationProblemAsync("isActive");
        (await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == DemoData.SalesBUser).Select(u => u.IsActive).SingleAsync())).Should().BeTrue();
    }

    [Fact]
    public async Task Access_change_without_a_role_is_400_and_keeps_the_role()
    {
        var admin = await Factory.CreateAdminClientAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{DemoData.AdminUser}/access", new { teamIds = Array.Empty<Guid>(), isActive = true });

        await response.ShouldBeValidationProblemAsync("role");
        (await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == DemoData.AdminUser).Select(u => u.Role).SingleAsync())).Should().Be(UserRole.Admin);
    }

    [Fact]
    public async Task Access_change_without_teams_is_400()
    {
        var admin = await Factory.CreateAdminClientAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{DemoData.SalesBUser}/access", new { role = "Member", isActive = true });

        await response.ShouldBeValidationProblemAsync("teamIds");
    }

    [Fact]
    public async Task Lead_owned_by_an_unknown_user_is_400_on_ownerUserId()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var body = LeadRequests.Body(DemoData.TeamA, name: "Orphan");
        body["ownerUserId"] = Guid.NewGuid();

        var response = await client.PostAsJsonAsync("/api/leads", body);

        await response.ShouldBeValidationProblemAsync("ownerUserId");
        (await Factory.WithDbAsync(db => db.Leads.AnyAsync(l => l.Name == "Orphan"))).Should().BeFalse();
    }

    [Fact]
    public async Task Lead_owned_by_a_known_user_is_created()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var body = LeadRequests.Body(DemoData.TeamA);
        body["ownerUserId"] = DemoData.SalesAUser;

        var lead = await LeadRequests.CreateAsync(client, body);

        lead.OwnerUserId.Should().Be(DemoData.SalesAUser);
    }

    [Theory]
    [InlineData("categoryId=not-a-guid", "categoryId")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=many", "pageSize")]
    public async Task Malformed_query_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.GetAsync($"/api/leads?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }
}
