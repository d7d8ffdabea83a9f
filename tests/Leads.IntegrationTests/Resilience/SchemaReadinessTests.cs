using System.Net;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Resilience;

/// <summary>
/// An instance whose database is behind the migrations it carries would query tables and columns that do not exist:
/// it must report not ready. The test takes the last migration off the history table of its own database, which is
/// what a database restored from before that migration looks like to EF.
/// </summary>
public sealed class SchemaReadinessTests(LeadsApiFactory factory) : IClassFixture<LeadsApiFactory>
{
    [Fact]
    public async Task Readiness_is_unhealthy_while_a_migration_is_pending_and_healthy_once_it_is_applied()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        var (id, version) = await factory.WithDbAsync(async db =>
        {
            var last = await db.Database.SqlQueryRaw<HistoryRow>(
                "SELECT \"MigrationId\", \"ProductVersion\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1").SingleAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", last.MigrationId);
            return (last.MigrationId, last.ProductVersion);
        });

        try
        {
            var behind = await client.GetAsync("/health/ready");

            behind.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await behind.Content.ReadAsStringAsync()).Should().Be("Unhealthy");
        }
        finally
        {
            await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({0}, {1})", id, version));
        }

        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private sealed record HistoryRow(string MigrationId, string ProductVersion);
}
