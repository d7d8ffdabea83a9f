using System.Net;
using System.Net.Http.Json;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>Create, read, replace, move along the pipeline and delete a lead through HTTP.</summary>
public sealed class LeadCrudTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Create_returns_201_with_Location_and_the_stored_lead()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.PostAsJsonAsync("/api/leads", LeadRequests.Body(DemoData.TeamA));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var lead = await response.ReadAsync<LeadDto>();
        response.Headers.Location!.OriginalString.Should().Be($"/api/leads/{lead.Id}");
        response.Headers.ETag.Should().NotBeNull();
        lead.Name.Should().Be("Ada Lovelace");
        lead.Email.Should().Be("ada@analytical.example");
        lead.Status.Should().Be(LeadStatus.New);
        lead.Version.Should().Be(1);
        lead.TeamId.Should().Be(DemoData.TeamA);
        lead.CategoryName.Should().Be("Enterprise");
        lead.EstimatedValue.Should().Be(12500m);

        var stored = await Factory.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id));
        stored.Name.Should().Be("Ada Lovelace");
        stored.Score.Should().Be(80);
    }

    [Fact]
    public async Task Created_lead_can_be_read_at_its_Location()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var created = await client.PostAsJsonAsync("/api/leads", LeadRequests.Body(DemoData.TeamA));

        var response = await client.GetAsync(created.Headers.Location);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lead = await response.ReadAsync<LeadDto>();
        lead.Should().BeEquivalentTo(await created.ReadAsync<LeadDto>());
    }

    [Fact]
    public async Task Created_lead_shows_up_in_the_list_at_once()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var before = await (await client.GetAsync("/api/leads")).ReadAsync<Leads.Application.Common.Models.PagedResult<LeadDto>>();

        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        var after = await (await client.GetAsync("/api/leads")).ReadAsync<Leads.Application.Common.Models.PagedResult<LeadDto>>();

        after.TotalCount.Should().Be(before.TotalCount + 1);
        after.Items[0].Id.Should().Be(lead.Id, "the newest lead comes first");
    }

    [Fact]
    public async Task Put_replaces_the_fields_and_bumps_the_version()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        await client.GetAsync($"/api/leads/{lead.Id}");
        var body = LeadRequests.Body(DemoData.TeamA, name: "Ada King", company: "Babbage & Co", categoryId: LeadRequests.MidMarket);
        body["version"] = lead.Version;

        var response = await client.PutAsJsonAsync($"/api/leads/{lead.Id}", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var updated = await response.ReadAsync<LeadDto>();
        updated.Name.Should().Be("Ada King");
        updated.Company.Should().Be("Babbage & Co");
        updated.CategoryName.Should().Be("Mid-market");
        updated.Version.Should().Be(lead.Version + 1);
        response.Headers.ETag.Should().NotBeNull();

        var read = await (await client.GetAsync($"/api/leads/{lead.Id}")).ReadAsync<LeadDto>();
        read.Name.Should().Be("Ada King", "a cached copy of the old lead must not be served after the write");
        read.Version.Should().Be(updated.Version);
    }

    [Fact]
    public async Task Put_without_a_version_overwrites_the_current_one()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));

        var response = await client.PutAsJsonAsync($"/api/leads/{lead.Id}", LeadRequests.Body(DemoData.TeamA, name: "Last Writer"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadAsync<LeadDto>()).Name.Should().Be("Last Writer");
    }

    [Fact]
    public async Task Put_with_a_stale_version_is_409_and_changes_nothing()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        var first = LeadRequests.Body(DemoData.TeamA, name: "First Writer");
        first["version"] = lead.Version;
        (await client.PutAsJsonAsync($"/api/leads/{lead.Id}", first)).StatusCode.Should().Be(HttpStatusCode.OK);
        var second = LeadRequests.Body(DemoData.TeamA, name: "Second Writer");
        second["version"] = lead.Version;

        var response = await client.PutAsJsonAsync($"/api/leads/{lead.Id}", second);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var stored = await Factory.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id));
        stored.Name.Should().Be("First Writer");
        stored.Version.Should().Be(2);
    }

    [Fact]
    public async Task Put_of_an_unknown_lead_is_404()
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.PutAsJsonAsync($"/api/leads/{Guid.NewGuid()}", LeadRequests.Body(DemoData.TeamA));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_status_along_the_pipeline_returns_the_moved_lead()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));

        var contacted = await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Contacted", version = lead.Version });
        var qualified = await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Qualified" });

        contacted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await contacted.ReadAsync<LeadDto>()).Status.Should().Be(LeadStatus.Contacted);
        var moved = await qualified.ReadAsync<LeadDto>();
        moved.Status.Should().Be(LeadStatus.Qualified);
        moved.Version.Should().Be(3);
        (await (await client.GetAsync($"/api/leads/{lead.Id}")).ReadAsync<LeadDto>()).Status.Should().Be(LeadStatus.Qualified);
    }

    [Theory]
    [InlineData("Won")]
    [InlineData("Proposal")]
    public async Task Patch_status_to_a_forbidden_status_is_409_and_keeps_the_status(string status)
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));

        var response = await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("New").And.Contain(status);
        var stored = await Factory.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id));
        stored.Status.Should().Be(LeadStatus.New);
        stored.Version.Should().Be(1);
    }

    [Fact]
    public async Task Patch_status_with_a_stale_version_is_409()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        (await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Contacted" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Lost", version = lead.Version });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Patch_status_with_an_unknown_status_is_400()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));

        var response = await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Sold" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Delete_is_204_and_then_the_lead_is_gone()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        (await client.GetAsync($"/api/leads/{lead.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var deleted = await client.DeleteAsync($"/api/leads/{lead.Id}");

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await client.GetAsync($"/api/leads/{lead.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/leads/{lead.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await Factory.WithDbAsync(db => db.Leads.AnyAsync(l => l.Id == lead.Id))).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_with_a_stale_version_is_409_and_keeps_the_lead()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        (await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Contacted" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await client.DeleteAsync($"/api/leads/{lead.Id}?version={lead.Version}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await Factory.WithDbAsync(db => db.Leads.AnyAsync(l => l.Id == lead.Id))).Should().BeTrue();
    }

    [Fact]
    public async Task Write_responses_have_the_same_json_shape_as_reads()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var created = await client.PostAsJsonAsync("/api/leads", LeadRequests.Body(DemoData.TeamA));
        var id = (await created.ReadAsync<LeadDto>()).Id;
        var patched = await client.PatchAsJsonAsync($"/api/leads/{id}/status", new { status = "Contacted" });
        var put = await client.PutAsJsonAsync($"/api/leads/{id}", LeadRequests.Body(DemoData.TeamA, name: "Same Shape"));

        var read = await (await client.GetAsync($"/api/leads/{id}")).ReadJsonAsync();

        (await created.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("New");
        (await patched.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Contacted");
        var written = await put.ReadJsonAsync();
        System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(written.GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse(read.GetRawText())).Should().BeTrue("PUT answered {0} but GET {1}", written, read);
    }

    [Fact]
    public async Task Get_of_an_unknown_lead_is_404()
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.GetAsync($"/api/leads/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_with_an_id_that_is_not_a_guid_is_404()
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.GetAsync("/api/leads/not-a-guid");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_with_an_unknown_category_is_400_on_categoryId()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.PostAsJsonAsync("/api/leads", LeadRequests.Body(DemoData.TeamA, categoryId: Guid.NewGuid()));

        await response.ShouldBeValidationProblemAsync("categoryId");
    }

    [Fact]
    public async Task Create_for_an_unknown_team_is_400_on_teamId()
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostAsJsonAsync("/api/leads", LeadRequests.Body(Guid.NewGuid()));

        await response.ShouldBeValidationProblemAsync("teamId");
    }
}
