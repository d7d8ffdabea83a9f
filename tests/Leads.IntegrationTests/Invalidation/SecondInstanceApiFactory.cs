using Leads.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// Another instance of the same deployment as <paramref name="primary"/>: same Postgres database, same Redis and
/// key prefix (hence the same invalidation channel), its own in-process L1. It neither migrates nor seeds: the
/// primary owns the data. Use it for HTTP only and dispose it as an <see cref="IAsyncDisposable"/>; its own
/// database members (<see cref="LeadsApiFactory.ResetAsync"/>, <see cref="LeadsApiFactory.KeyPrefix"/>) do not apply.
/// </summary>
public class SecondInstanceApiFactory(LeadsApiFactory primary) : LeadsApiFactory
{
    public override string RedisConnectionString => primary.RedisConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Later settings win over the ones the base applied.
        builder.UseSetting("ConnectionStrings:Postgres", primary.PostgresConnectionString);
        builder.UseSetting("Caching:KeyPrefix", primary.KeyPrefix);
        builder.UseSetting("Database:ApplyMigrations", "false");
        builder.UseSetting("Seed:Enabled", "false");
    }
}
