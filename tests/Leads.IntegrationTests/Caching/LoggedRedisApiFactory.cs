using Leads.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Leads.IntegrationTests.Caching;

/// <summary>An API host on a Redis of the test's choosing whose log messages the test can read (<see cref="Logs"/>).</summary>
public sealed class LoggedRedisApiFactory(string redisConnectionString) : LeadsApiFactory
{
    public CapturedLogs Logs { get; } = new();

    public override string RedisConnectionString => redisConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Leads.Infrastructure.Caching.Monitoring", "Information");
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}
