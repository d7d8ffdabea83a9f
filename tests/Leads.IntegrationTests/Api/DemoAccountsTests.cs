using Leads.Application.Caching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Leads.IntegrationTests.Api;

/// <summary>The demo accounts (published passwords) are created only in Development: elsewhere the API refuses to start with them.</summary>
public sealed class DemoAccountsTests
{
    [Fact]
    public void Seeding_demo_accounts_outside_Development_stops_the_start_up()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Seed:Enabled", "true");
            builder.UseSetting("Jwt:SigningKey", "production-test-signing-key-0123456789-0123456789");
            builder.UseSetting("Caching:KeySecret", CacheKey.DevelopmentSecret);
        });

        var start = () => factory.Services;

        start.Should().Throw<InvalidOperationException>().WithMessage("*only in the Development environment*");
    }
}
