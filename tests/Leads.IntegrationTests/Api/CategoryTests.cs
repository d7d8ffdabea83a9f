using System.Net;
using System.Net.Http.Json;
using Leads.Application.Categories.Models;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>Categories: everyone reads them, only admins change them; names are unique and a used category stays.</summary>
public sealed class CategoryTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Members_list_every_category_by_name()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.GetAsync("/api/leads/categories");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var categories = await response.ReadAsync<List<CategoryDto>>();
        categories.Select(c => c.Name).Should().BeEquivalentTo(DemoData.Categories.Select(c => c.Name));
        categories.Select(c => c.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Admin_creates_a_category_with_201_and_Location_and_it_is_listed_at_once()
    {
        var client = await Factory.CreateAdminClientAsync();
        await client.GetAsync("/api/leads/categories");

        var response = await client.PostAsJsonAsync("/api/leads/categories", new { name = "  Nonprofit  ", description = "Charities" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.ReadAsync<CategoryDto>();
        created.Name.Should().Be("Nonprofit");
        created.Description.Should().Be("Charities");
        response.Headers.Location!.OriginalString.Should().Be($"/api/leads/categories/{created.Id}");
        var listed = await (await client.GetAsync("/api/leads/categories")).ReadAsync<List<CategoryDto>>();
        listed.Should().ContainSingle(c => c.Id == created.Id && c.Name == "Nonprofit");
    }

    [Fact]
    public async Task Member_creating_a_category_gets_403_and_nothing_is_stored()
    {
        var client = await Factory.CreateSalesAClientAsync();

        var response = await client.PostAsJsonAsync("/api/leads/categories", new { name = "Rogue" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await Factory.WithDbAsync(db => db.Categories.AnyAsync(c => c.Name == "Rogue"))).Should().BeFalse();
    }

    [Theory]
    [InlineData("Enterprise")]
    [InlineData("enterprise")]
    [InlineData(" ENTERPRISE ")]
    public async Task Duplicate_name_is_400_on_name(string name)
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostAsJsonAsync("/api/leads/categories", new { name });

        await response.ShouldBeValidationProblemAsync("name");
        (await Factory.WithDbAsync(db => db.Categories.CountAsync())).Should().Be(DemoData.Categories.Count);
    }

    [Fact]
    public async Task Empty_or_missing_name_is_400_on_name()
    {
        var client = await Factory.CreateAdminClientAsync();

        await (await client.PostAsJsonAsync("/api/leads/categories", new { name = "" })).ShouldBeValidationProblemAsync("name");
        await (await client.PostAsJsonAsync("/api/leads/categories", new { description = "no name" })).ShouldBeValidationProblemAsync("name");
    }

    [Fact]
    public async Task Admin_renames_a_category_and_leads_show_the_new_name_at_once()
    {
        var client = await Factory.CreateAdminClientAsync();
        var (id, _) = DemoData.Categories[0];
        var leadId = await Factory.WithDbAsync(db => db.Leads.Where(l => l.CategoryId == id).Select(l => l.Id).FirstAsync());
        (await (await client.GetAsync($"/api/leads/{leadId}")).ReadAsync<LeadDto>()).CategoryName.Should().Be("Enterprise");

        var response = await client.PutAsJsonAsync($"/api/leads/categories/{id}", new { name = "Corporate", description = "Large accounts" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadAsync<CategoryDto>()).Name.Should().Be("Corporate");
        (await (await client.GetAsync($"/api/leads/{leadId}")).ReadAsync<LeadDto>()).CategoryName.Should().Be("Corporate");
        (await (await client.GetAsync("/api/leads/categories")).ReadAsync<List<CategoryDto>>()).Should().Contain(c => c.Id == id && c.Name == "Corporate");
    }

    [Fact]
    public async Task Renaming_to_its_own_name_is_allowed_but_to_another_categorys_name_is_400()
    {
        var client = await Factory.CreateAdminClientAsync();
        var (id, name) = DemoData.Categories[0];

        (await client.PutAsJsonAsync($"/api/leads/categories/{id}", new { name, description = "Same name" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var clash = await client.PutAsJsonAsync($"/api/leads/categories/{id}", new { name = DemoData.Categories[1].Name });

        await clash.ShouldBeValidationProblemAsync("name");
    }

    [Fact]
    public async Task Updating_or_deleting_an_unknown_category_is_404()
    {
        var client = await Factory.CreateAdminClientAsync();
        var id = Guid.NewGuid();

        await (await client.PutAsJsonAsync($"/api/leads/categories/{id}", new { name = "Ghost" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/leads/categories/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_a_category_in_use_is_409_and_keeps_it()
    {
        var client = await Factory.CreateAdminClientAsync();
        var used = await Factory.WithDbAsync(db => db.Leads.Select(l => l.CategoryId).FirstAsync());

        var response = await client.DeleteAsync($"/api/leads/categories/{used}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await Factory.WithDbAsync(db => db.Categories.AnyAsync(c => c.Id == used))).Should().BeTrue();
    }

    [Fact]
    public async Task Deleting_an_unused_category_is_204_and_it_leaves_the_list()
    {
        var client = await Factory.CreateAdminClientAsync();
        var created = await (await client.PostAsJsonAsync("/api/leads/categories", new { name = "Short-lived" })).ReadAsync<CategoryDto>();
        (await (await client.GetAsync("/api/leads/categories")).ReadAsync<List<CategoryDto>>()).Should().Contain(c => c.Id == created.Id);

        var response = await client.DeleteAsync($"/api/leads/categories/{created.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await client.GetAsync("/api/leads/categories")).ReadAsync<List<CategoryDto>>()).Should().NotContain(c => c.Id == created.Id);
    }
}
