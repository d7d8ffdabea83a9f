using System.Net;
using System.Net.Http.Json;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>GET /api/leads/summary: every number is what the database says for the caller's scope.</summary>
public sealed class SummaryTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Admin_summary_matches_the_database()
    {
        var client = await Factory.CreateAdminClientAsync();

        var summary = await GetSummaryAsync(client);

        await ShouldMatchDatabaseAsync(summary, teamId: null);
        summary.Total.Should().Be(LeadsApiFactory.SeedLeads);
    }

    [Fact]
    public async Task Member_summary_matches_the_database_for_their_team_only()
    {
        var client = await Factory.CreateSalesBClientAsync();

        var summary = await GetSummaryAsync(client);

        await ShouldMatchDatabaseAsync(summary, DemoData.TeamB);
        summary.Total.Should().BeLessThan(LeadsApiFactory.SeedLeads);
    }

    [Fact]
    public async Task Summary_follows_writes_at_once()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var before = await GetSummaryAsync(client);

        var lead = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Qualified" });
        await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Proposal" });
        (await client.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Won" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await GetSummaryAsync(client);

        after.Total.Should().Be(before.Total + 1);
        after.ByStatus["Won"].Should().Be(before.ByStatus["Won"] + 1);
        after.WonValue.Should().Be(before.WonValue + 12500m);
        await ShouldMatchDatabaseAsync(after, DemoData.TeamA);
    }

    private async Task ShouldMatchDatabaseAsync(LeadsSummaryDto summary, Guid? teamId)
    {
        var leads = await Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => teamId == null || l.TeamId == teamId)
            .Select(l => new { l.Status, l.CategoryId, l.EstimatedValue })
            .ToListAsync());

        summary.Total.Should().Be(leads.Count);
        foreach (var status in Enum.GetValues<LeadStatus>())
        {
            summary.ByStatus[status.ToString()].Should().Be(leads.Count(l => l.Status == status), "the count of {0}", status);
        }

        summary.TotalValue.Should().Be(leads.Sum(l => l.EstimatedValue));
        summary.WonValue.Should().Be(leads.Where(l => l.Status == LeadStatus.Won).Sum(l => l.EstimatedValue));

        var won = leads.Count(l => l.Status == LeadStatus.Won);
        var lost = leads.Count(l => l.Status == LeadStatus.Lost);
        summary.ConversionRate.Should().BeApproximately(won + lost == 0 ? 0 : (double)won / (won + lost), 0.0001);

        var names = DemoData.Categories.ToDictionary(c => c.Id, c => c.Name);
        var byCategory = leads.GroupBy(l => l.CategoryId).ToDictionary(g => g.Key, g => g.Count());
        summary.ByCategory.Should().HaveCount(byCategory.Count);
        foreach (var category in summary.ByCategory)
        {
            category.Count.Should().Be(byCategory[category.CategoryId]);
            category.CategoryName.Should().Be(names[category.CategoryId]);
        }

        summary.ByCategory.Select(c => c.Count).Should().BeInDescendingOrder();
    }

    private static async Task<LeadsSummaryDto> GetSummaryAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/leads/summary");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.ReadAsync<LeadsSummaryDto>();
    }
}
