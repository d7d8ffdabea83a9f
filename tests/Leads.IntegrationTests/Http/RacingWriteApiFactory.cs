using Leads.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Http;

/// <summary>An API host whose lead writes can be made to lose a race (<see cref="ConcurrentWriteInjector"/>).</summary>
public sealed class RacingWriteApiFactory : LeadsApiFactory
{
    public RacingWriteApiFactory()
    {
        Injector = new ConcurrentWriteInjector(() => PostgresConnectionString);
    }

    public ConcurrentWriteInjector Injector { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Injector));
    }
}
