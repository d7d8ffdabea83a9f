using Leads.Application.Caching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Infrastructure;

/// <summary>
/// The API as it starts outside Development: its own migrated database without demo data or accounts (seeding is
/// refused there), a signing key of its own, and whatever <see cref="LeadsApiFactory.Settings"/> adds.
/// </summary>
public sealed class ProductionApiFactory : LeadsApiFactory
{
    /// <summary>Service replacements of a test (e.g. a dependency that throws), applied after the API's own.</summary>
    public Action<IServiceCollection>? ReplaceServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => ReplaceServices?.Invoke(services));
        builder.UseEnvironment("Production");
        builder.UseSetting("Seed:Enabled", "false");
        builder.UseSetting("Jwt:SigningKey", "production-test-signing-key-0123456789-0123456789");
        // The key secret is process-wide (CacheKey.UseSecret): another value would change the keys of every other host.
        builder.UseSetting("Caching:KeySecret", CacheKey.DevelopmentSecret);
    }
}
