using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Leads.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Leads.IntegrationTests.Warmup;

/// <summary>
/// Re-warming is bounded as a whole (<c>Caching:HotKeyWarming:Timeout</c>): while the leads table is locked, every
/// reload that needs Postgres waits for the lock, and the admin's invalidation still answers within the bound
/// instead of waiting for the command timeout of each reload in turn.
/// </summary>
public sealed class HotKeyWarmingTimeoutTests(HotKeyWarmingBoundedApiFactory factory) : IClassFixture<HotKeyWarmingBoundedApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_bulk_invalidation_answers_within_the_bound_while_the_database_cannot_answer_the_reloads()
    {
        var salesA = await factory.CreateSalesAClientAsync();
        var leads = await factory.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.Id).Select(l => l.Id).Take(6).ToListAsync());
        for (var i = 0; i < 3; i++)
        {
            foreach (var id in leads)
            {
                (await salesA.GetAsync($"/api/leads/{id}")).EnsureSuccessStatusCode();
            }
        }

        var admin = await factory.CreateAdminClientAsync();
        await using var locker = new NpgsqlConnection(factory.PostgresConnectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockLeads = new NpgsqlCommand("LOCK TABLE leads IN ACCESS EXCLUSIVE MODE", locker, transaction))
        {
            await lockLeads.ExecuteNonQueryAsync();
        }

        HttpResponseMessage response;
        TimeSpan elapsed;
        try
        {
            var started = Stopwatch.GetTimestamp();
            response = await admin.DeleteAsync("/api/admin/cache?all=true");
            elapsed = Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            await transaction.RollbackAsync();
        }

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("rewarmed").GetInt32().Should().Be(0, "no lead could be read while the table was locked");

        // Without the bound the answer would wait until the lock is released (each reload's command timeout is 15 s).
        elapsed.Should().BeLessThan(HotKeyWarmingBoundedApiFactory.Bound + TimeSpan.FromSeconds(4));

        // The loads that were cut off finish once the lock is gone; the next reads are answered as usual.
        foreach (var id in leads)
        {
            (await salesA.GetAsync($"/api/leads/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }
}
