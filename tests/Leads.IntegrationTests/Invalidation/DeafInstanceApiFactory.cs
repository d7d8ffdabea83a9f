using Leads.Infrastructure.Caching.Invalidation;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// Another instance of <paramref name="primary"/>'s deployment that never listens on the invalidation channel:
/// what an instance whose subscription silently stopped delivering looks like. It still pings and announces itself,
/// so writers wait for its acknowledgement, which never comes.
/// </summary>
public sealed class DeafInstanceApiFactory(LeadsApiFactory primary) : SecondInstanceApiFactory(primary)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            for (var i = 0; i < services.Count; i++)
            {
                if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationFactory is { } create)
                {
                    services[i] = ServiceDescriptor.Singleton<IHostedService>(sp =>
                    {
                        var service = create(sp);
                        return service is InvalidationListener ? new Idle() : (IHostedService)service;
                    });
                }
            }
        });
    }

    private sealed class Idle : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
