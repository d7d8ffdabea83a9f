using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Repositories;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Api;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Leads.IntegrationTests.Writes;

/// <summary>
/// lead_counts (kept by triggers on leads) always equals a fresh aggregate over leads, whatever writes ran and
/// however they raced; the summary and the list totals read from it give the same numbers as counting leads.
/// </summary>
public sealed class LeadCountsTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    private static readonly Guid[] Teams = [DemoData.TeamA, DemoData.TeamB, DemoData.TeamC];
    private static readonly LeadStatus[] Statuses = Enum.GetValues<LeadStatus>();

    [Fact]
    public async Task The_seeded_database_has_the_counts_of_its_leads()
    {
        await CountsAudit.ShouldMatchTheLeadsTableAsync(Factory.PostgresConnectionString);
    }

    [Fact]
    public async Task A_storm_of_concurrent_writes_across_teams_leaves_the_counts_equal_to_a_fresh_aggregate()
    {
        using var admin = await Factory.CreateAdminClientAsync();
        using var salesA = await Factory.CreateSalesAClientAsync();
        using var salesB = await Factory.CreateSalesBClientAsync();
        var known = new ConcurrentBag<Guid>(await Factory.WithDbAsync(db => db.Leads.Select(l => l.Id).ToListAsync()));
        var answers = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(1000 + worker);
            for (var i = 0; i < 40; i++)
            {
                var ids = known.ToArray();
                var id = ids[random.Next(ids.Length)];
                var team = Teams[random.Next(Teams.Length)];
                var body = LeadRequests.Body(team, name: $"Storm {worker}-{i}", categoryId: DemoData.Categories[random.Next(DemoData.Categories.Count)].Id);
                body["estimatedValue"] = random.Next(0, 100_000) + (random.Next(100) / 100m);
                HttpResponseMessage response;
                switch (random.Next(10))
                {
                    case 0 or 1:
                        var creator = team == DemoData.TeamA ? salesA : team == DemoData.TeamB ? salesB : admin;
                        response = await creator.PostAsJsonAsync("/api/leads", body);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            known.Add((await response.ReadAsync<LeadDto>()).Id);
                        }

                        break;
                    case 2 or 3 or 4:
                        response = await admin.PutAsJsonAsync($"/api/leads/{id}", body);
                        break;
                    case 5 or 6 or 7:
                        response = await admin.PatchAsJsonAsync($"/api/leads/{id}/status", new { status = Statuses[random.Next(Statuses.Length)].ToString() });
                        break;
                    default:
                        response = await admin.DeleteAsync($"/api/leads/{id}");
                        break;
                }

                answers.Add($"{response.RequestMessage!.Method} {(int)response.StatusCode}");
                ((int)response.StatusCode).Should().BeLessThan(500, await response.Content.ReadAsStringAsync());
            }
        })));

        answers.Should().Contain(a => a.StartsWith("PUT 200", StringComparison.Ordinal))
            .And.Contain(a => a.StartsWith("PATCH 200", StringComparison.Ordinal))
            .And.Contain(a => a.StartsWith("DELETE 204", StringComparison.Ordinal))
            .And.Contain(a => a.StartsWith("POST 201", StringComparison.Ordinal));
        await CountsAudit.ShouldMatchTheLeadsTableAsync(Factory.PostgresConnectionString);
        await RepositoryShouldMatchTheLeadsTableAsync();
        await ApiShouldMatchTheLeadsTableAsync(admin, teamId: null);
        await ApiShouldMatchTheLeadsTableAsync(salesA, DemoData.TeamA);
        await ApiShouldMatchTheLeadsTableAsync(salesB, DemoData.TeamB);
    }

    [Fact]
    public async Task Bulk_copies_and_statements_over_many_rows_keep_the_counts()
    {
        await using var connection = new NpgsqlConnection(Factory.PostgresConnectionString);
        await connection.OpenAsync();
        var random = new Random(7);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY leads (\"Id\", \"Name\", \"Email\", \"Company\", \"Status\", \"Source\", \"CategoryId\", \"TeamId\", \"EstimatedValue\", \"Score\", \"CreatedAt\", \"UpdatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < 500; i++)
            {
                var now = DateTimeOffset.UtcNow;
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7());
                await copy.WriteAsync($"Copied {i}");
                await copy.WriteAsync($"copied{i}@bulk.example");
                await copy.WriteAsync("Bulk");
                await copy.WriteAsync(Statuses[random.Next(Statuses.Length)].ToString());
                await copy.WriteAsync("Import");
                await copy.WriteAsync(DemoData.Categories[random.Next(DemoData.Categories.Count)].Id);
                await copy.WriteAsync(Teams[random.Next(Teams.Length)]);
                await copy.WriteAsync(random.Next(0, 50_000) * 1.25m);
                await copy.WriteAsync(random.Next(0, 101));
                await copy.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(1L);
            }

            await copy.CompleteAsync();
        }

        await CountsAudit.ShouldMatchTheLeadsTableAsync(Factory.PostgresConnectionString);

        await ExecuteAsync(connection, $"UPDATE leads SET \"TeamId\" = '{DemoData.TeamC}', \"EstimatedValue\" = \"EstimatedValue\" + 10 WHERE \"TeamId\" = '{DemoData.TeamA}' AND \"Score\" < 50");
        await ExecuteAsync(connection, $"UPDATE leads SET \"CategoryId\" = '{DemoData.Categories[3].Id}', \"Status\" = 'Lost' WHERE \"Score\" % 3 = 0");
        await ExecuteAsync(connection, "DELETE FROM leads WHERE \"Score\" % 4 = 1");
        await ExecuteAsync(connection, "UPDATE leads SET \"Notes\" = 'Nothing counted changes'");

        await CountsAudit.ShouldMatchTheLeadsTableAsync(Factory.PostgresConnectionString);
    }

    [Fact]
    public async Task Truncating_the_leads_empties_the_counts_and_new_leads_count_from_zero()
    {
        await using var connection = new NpgsqlConnection(Factory.PostgresConnectionString);
        await connection.OpenAsync();

        await ExecuteAsync(connection, "TRUNCATE leads");

        (await CountsAudit.StoredAsync(Factory.PostgresConnectionString)).Should().BeEmpty();
        using var client = await Factory.CreateSalesAClientAsync();
        await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA));
        await CountsAudit.ShouldMatchTheLeadsTableAsync(Factory.PostgresConnectionString);
    }

    [Fact]
    public async Task Rebuilding_the_counts_gives_what_the_triggers_kept()
    {
        var kept = await CountsAudit.StoredAsync(Factory.PostgresConnectionString);
        await using var connection = new NpgsqlConnection(Factory.PostgresConnectionString);
        await connection.OpenAsync();

        await ExecuteAsync(connection, "SELECT lead_counts_rebuild()");

        (await CountsAudit.StoredAsync(Factory.PostgresConnectionString)).Should().Equal(kept);
    }

    [Fact]
    public async Task Counts_of_a_filter_without_search_are_read_from_the_counts_table()
    {
        await using var connection = new NpgsqlConnection(Factory.PostgresConnectionString);
        await connection.OpenAsync();

        // Proves which table answers: with the counts table emptied behind the triggers' back, only a count over
        // leads would still see the leads.
        await ExecuteAsync(connection, "DELETE FROM lead_counts");
        await using var scope = Factory.Services.CreateAsyncScope();
        var reads = scope.ServiceProvider.GetRequiredService<LeadReadRepository>();

        (await reads.CountAsync(new LeadFilter(null, null, null), VisibilityScope.Admin, CancellationToken.None)).Should().Be(0);
        (await reads.CountAsync(new LeadFilter(LeadStatus.New, DemoData.Categories[0].Id, null), VisibilityScope.Admin, CancellationToken.None)).Should().Be(0);
        (await reads.GetCountsAsync(VisibilityScope.Admin, CancellationToken.None)).Rows.Should().BeEmpty();
        (await reads.CountAsync(new LeadFilter(null, null, "@"), VisibilityScope.Admin, CancellationToken.None))
            .Should().Be(LeadsApiFactory.SeedLeads, "a search is counted over the leads");
    }

    private async Task RepositoryShouldMatchTheLeadsTableAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var reads = scope.ServiceProvider.GetRequiredService<LeadReadRepository>();
        var leads = await Factory.WithDbAsync(db => db.Leads.AsNoTracking().Select(l => new { l.TeamId, l.Status, l.CategoryId, l.EstimatedValue }).ToListAsync());
        VisibilityScope[] scopes = [VisibilityScope.Admin, VisibilityScope.ForTeams([DemoData.TeamA]), VisibilityScope.ForTeams([DemoData.TeamB, DemoData.TeamC])];
        foreach (var visibility in scopes)
        {
            var visible = leads.Where(l => visibility.CanSee(l.TeamId)).ToList();
            var expected = visible
                .GroupBy(l => (l.Status, l.CategoryId))
                .Select(g => new LeadCountRow(g.Key.Status, g.Key.CategoryId, g.Count(), g.Sum(l => l.EstimatedValue)))
                .OrderBy(r => r.Status).ThenBy(r => r.CategoryId);
            var counts = await reads.GetCountsAsync(visibility, CancellationToken.None);
            counts.Rows.OrderBy(r => r.Status).ThenBy(r => r.CategoryId).Should().Equal(expected, "grouped counts for {0}", visibility.PartitionKey);

            (await reads.CountAsync(new LeadFilter(null, null, null), visibility, CancellationToken.None)).Should().Be(visible.Count);
            foreach (var status in Statuses)
            {
                (await reads.CountAsync(new LeadFilter(status, null, null), visibility, CancellationToken.None)).Should().Be(visible.Count(l => l.Status == status));
            }

            var category = DemoData.Categories[2].Id;
            (await reads.CountAsync(new LeadFilter(null, category, null), visibility, CancellationToken.None)).Should().Be(visible.Count(l => l.CategoryId == category));
            (await reads.CountAsync(new LeadFilter(LeadStatus.Lost, category, null), visibility, CancellationToken.None))
                .Should().Be(visible.Count(l => l.CategoryId == category && l.Status == LeadStatus.Lost));
        }
    }

    private async Task ApiShouldMatchTheLeadsTableAsync(HttpClient client, Guid? teamId)
    {
        var leads = await Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => teamId == null || l.TeamId == teamId)
            .Select(l => new { l.Status, l.CategoryId, l.EstimatedValue })
            .ToListAsync());

        var summary = await (await client.GetAsync("/api/leads/summary")).ReadAsync<LeadsSummaryDto>();
        summary.Total.Should().Be(leads.Count);
        summary.TotalValue.Should().Be(leads.Sum(l => l.EstimatedValue));
        summary.WonValue.Should().Be(leads.Where(l => l.Status == LeadStatus.Won).Sum(l => l.EstimatedValue));
        foreach (var status in Statuses)
        {
            summary.ByStatus[status.ToString()].Should().Be(leads.Count(l => l.Status == status));
        }

        summary.ByCategory.ToDictionary(c => c.CategoryId, c => c.Count)
            .Should().BeEquivalentTo(leads.GroupBy(l => l.CategoryId).ToDictionary(g => g.Key, g => g.Count()));

        var page = await (await client.GetAsync("/api/leads?status=Lost&pageSize=1")).ReadAsync<PagedResult<LeadDto>>();
        page.TotalCount.Should().Be(leads.Count(l => l.Status == LeadStatus.Lost));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
