using Leads.Application.Caching;
using Leads.Infrastructure.Caching;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>A host (own database and key prefix) whose domain events still fire but whose tag bumps go nowhere.</summary>
public sealed class NoInvalidationApiFactory : LeadsApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<MultiLevelCache>();
            services.AddSingleton<ICacheStore>(sp => new NonInvalidatingCacheStore(sp.GetRequiredService<MultiLevelCache>()));
        });
    }
}
