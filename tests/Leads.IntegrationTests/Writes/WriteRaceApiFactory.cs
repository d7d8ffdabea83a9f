using Leads.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Writes;

/// <summary>A host (own database and key prefix) that records the domain events it publishes and the saves that lost a race.</summary>
public sealed class WriteRaceApiFactory : LeadsApiFactory
{
    public PublishedEvents Published { get; } = new();

    public SaveConflictCounter Conflicts { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IInterceptor>(Conflicts);

            // The dispatch interceptor asks for IPublisher; the last registration is the one it gets.
            services.AddScoped<IPublisher>(sp => new RecordingPublisher(sp.GetRequiredService<IMediator>(), Published));
        });
    }
}
