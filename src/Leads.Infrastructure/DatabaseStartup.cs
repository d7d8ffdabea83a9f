using Leads.Infrastructure.Persistence;
using Leads.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Leads.Infrastructure;

/// <summary>Applies migrations and seeds demo data at start-up when configured (<c>Database:ApplyMigrations</c>, <c>Seed:Enabled</c>).</summary>
public static partial class DatabaseStartup
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        if (!configuration.GetValue<bool>("Database:ApplyMigrations"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadsDbContext>();
        // Creating the history table first spares a new user EF's logged "failed" probe of a table that does not exist yet.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);

        if (configuration.GetValue<bool>("Seed:Enabled"))
        {
            var count = configuration.GetValue("Seed:Leads", 10_000);
            var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Leads.Seed");
            if (await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(count, cancellationToken))
            {
                LogSeeded(logger, count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo data with {LeadCount} leads")]
    private static partial void LogSeeded(ILogger logger, int leadCount);
}
