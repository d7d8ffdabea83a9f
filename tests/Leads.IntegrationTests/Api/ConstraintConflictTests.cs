using System.Net;
using System.Net.Http.Json;
using Leads.Application.Common.Exceptions;
using Leads.Application.Common.Interfaces;
using Leads.Domain.Categories;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// Writes that pass the handlers' checks together and then meet a constraint (two requests create the same
/// category name; a category is deleted while a lead is created with it) answer 409, never 500.
/// </summary>
public sealed class ConstraintConflictTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_save_refused_by_the_unique_category_name_is_a_conflict()
    {
        // The handler's name check is passed by going straight to the unit of work, as a racing request would.
        var save = () => SaveAsync(db => db.Categories.Add(LeadCategory.Create(DemoData.Categories[0].Name, null, DateTimeOffset.UtcNow)));

        (await save.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Contain("category with the same name");
    }

    [Fact]
    public async Task A_save_refused_by_a_deleted_category_is_a_conflict()
    {
        var details = new LeadDetails("Ada", "ada@analytical.example", "Engines", null, "Referral", Guid.NewGuid(), 10m, 10, null);

        var save = () => SaveAsync(db => db.Leads.Add(Lead.Create(details, DemoData.TeamA, null, DateTimeOffset.UtcNow)));

        (await save.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Contain("categoryId");
    }

    [Fact]
    public async Task Concurrent_creates_of_one_category_name_give_one_201_and_refusals_never_500()
    {
        var client = await Factory.CreateAdminClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostAsJsonAsync("/api/leads/categories", new { name = "Raced", description = "Same name" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).Should()
            .OnlyContain(r => r.StatusCode == HttpStatusCode.Conflict || r.StatusCode == HttpStatusCode.BadRequest);
        (await Factory.WithDbAsync(db => db.Categories.CountAsync(c => c.Name == "Raced"))).Should().Be(1);
    }

    [Fact]
    public async Task Creating_leads_while_their_category_is_deleted_never_answers_500()
    {
        var admin = await Factory.CreateAdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/leads/categories", new { name = "Short-lived" });
        var categoryId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();

        var creates = Enumerable.Range(0, 6).Select(_ => admin.PostAsJsonAsync("/api/leads", LeadRequests.Body(DemoData.TeamA, categoryId: categoryId))).ToList();
        var delete = admin.DeleteAsync($"/api/leads/categories/{categoryId}");
        var responses = await Task.WhenAll([.. creates, delete]);

        responses.Should().OnlyContain(r => (int)r.StatusCode < 500);
        var leadsInCategory = await Factory.WithDbAsync(db => db.Leads.CountAsync(l => l.CategoryId == categoryId));
        var categoryKept = await Factory.WithDbAsync(db => db.Categories.AnyAsync(c => c.Id == categoryId));
        (leadsInCategory == 0 || categoryKept).Should().BeTrue("a lead never refers to a deleted category");
        (await delete).StatusCode.Should().Be(categoryKept ? HttpStatusCode.Conflict : HttpStatusCode.NoContent);
    }

    private async Task SaveAsync(Action<LeadsDbContext> change)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadsDbContext>();
        change(db);
        await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);
    }
}
