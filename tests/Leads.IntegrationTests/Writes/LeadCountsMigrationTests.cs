using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Leads.IntegrationTests.Writes;

/// <summary>The migration that adds lead_counts fills it from the leads already there.</summary>
public sealed class LeadCountsMigrationTests(LeadsApiFactory factory) : IClassFixture<LeadsApiFactory>
{
    [Fact]
    public async Task Migrating_a_database_that_holds_leads_counts_them()
    {
        await factory.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261126131016_InitialCreate");
            (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM leads").SingleAsync()).Should().Be(LeadsApiFactory.SeedLeads);

            await migrator.MigrateAsync();
            return true;
        });

        await CountsAudit.ShouldMatchTheLeadsTableAsync(factory.PostgresConnectionString);
    }
}
