using System.Globalization;
using Leads.Application.Caching;
using Leads.Infrastructure;
using Leads.Infrastructure.Caching;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Caching.Tiers;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// One instance of the cache engine (the services AddInfrastructure registers, without the web host): its
/// own multiplexer, L1 and single-flight table. Two hosts with the same key prefix behave like two API
/// instances sharing one Redis. Redis calls get a generous timeout by default, so a loaded test machine
/// cannot turn a hit into "unavailable"; the fault tests check the production timeout through the API.
/// </summary>
public sealed class CacheEngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public CacheEngineHost(string redisConnectionString, string keyPrefix, IReadOnlyDictionary<string, string?>? settings = null)
    {
        KeyPrefix = keyPrefix;
        var values = new Dictionary<string, string?>
        {
            // Never opened: the engine does not touch Postgres, but AddInfrastructure requires the setting.
            ["ConnectionStrings:Postgres"] = TestServices.Postgres("unused"),
            ["ConnectionStrings:Redis"] = redisConnectionString,
            ["Caching:KeyPrefix"] = keyPrefix,
            ["Caching:Redis:OperationTimeout"] = TimeSpan.FromSeconds(5).ToString("c", CultureInfo.InvariantCulture),
            ["Caching:Redis:SoftTimeout"] = TimeSpan.FromSeconds(5).ToString("c", CultureInfo.InvariantCulture),

            // The engine's tests invalidate tags directly, not through the outbox that validates L1 while Redis is out.
            ["Caching:Outage:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddMetrics();
        services.AddInfrastructure(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public string KeyPrefix { get; }

    /// <summary>Everything the engine logged, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    public MultiLevelCache Cache => _services.GetRequiredService<MultiLevelCache>();

    public L1Cache L1 => _services.GetRequiredService<L1Cache>();

    public TagGenerations Generations => _services.GetRequiredService<TagGenerations>();

    public IDatabase Redis => _services.GetRequiredService<RedisConnection>().Database;

    public string RedisKey(CacheKey key) => key.Render(KeyPrefix);

    /// <summary>Starts the background services (the invalidation bus subscribing to its channel), as the web host would.</summary>
    public async Task StartBackgroundServicesAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
