using Leads.Application.Categories;
using Leads.Application.Common.Interfaces;
using Leads.Application.Leads;
using Leads.Application.Security;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching;
using Leads.Infrastructure.Caching.Monitoring;
using Leads.Infrastructure.Caching.DbLevel;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Loading;
using Leads.Infrastructure.Caching.Outage;
using Leads.Infrastructure.Caching.Serialization;
using Leads.Infrastructure.Caching.Tiers;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Persistence;
using Leads.Infrastructure.Persistence.Outbox;
using Leads.Infrastructure.Persistence.Repositories;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.Infrastructure.Security;
using Leads.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var postgres = PostgresConnectionString.From(configuration);
        var redis = configuration.GetConnectionString("Redis")
            ?? throw new InvalidOperationException("ConnectionStrings:Redis is not configured.");

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClock, SystemClock>();
        services.Configure<PasswordHashingOptions>(configuration.GetSection(PasswordHashingOptions.SectionName));
        services.AddSingleton<IPasswordHasher, Pbkdf2PasswordHasher>();

        services.AddScoped<DomainEventDispatchInterceptor>();
        services.AddScoped<InvalidationOutboxInterceptor>();
        services.AddDbContext<LeadsDbContext>((provider, options) => options
            .UseNpgsql(postgres, npgsql => npgsql.EnableRetryOnFailure(0))

            // In this order: after the commit the events are published (their handler bumps the tags), then the
            // outbox row of the save is marked applied if every bump landed.
            .AddInterceptors(provider.GetRequiredService<DomainEventDispatchInterceptor>(), provider.GetRequiredService<InvalidationOutboxInterceptor>())

            // Extra interceptors registered by the host (diagnostics, tests counting queries).
            .AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<LeadsDbContext>());
        services.AddScoped<DemoDataSeeder>();

        services.AddScoped<LeadReadRepository>();
        services.AddScoped<ILeadReadRepository>(sp => new CachedLeadReadRepository(sp.GetRequiredService<LeadReadRepository>, sp.GetRequiredService<CachedCall>()));
        services.AddScoped<ILeadRepository, LeadRepository>();
        services.AddScoped<ICategoryRepository, CategoryRepository>();
        services.AddScoped<ITeamDirectory, TeamDirectory>();
        services.AddScoped<Application.Users.IUserRepository, UserRepository>();
        services.AddScoped<UserAccessRepository>();
        services.AddScoped<IUserCredentialStore>(sp => sp.GetRequiredService<UserAccessRepository>());
        services.AddScoped<IUserAccessRepository>(sp => new CachedUserAccessRepository(sp.GetRequiredService<UserAccessRepository>, sp.GetRequiredService<CachedCall>()));

        services.AddOptions<CachingOptions>().Bind(configuration.GetSection(CachingOptions.SectionName));
        services.AddSingleton(sp => new RedisConnection(redis, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton<CacheStatistics>();
        services.AddSingleton(sp =>
        {
            var monitoring = sp.GetRequiredService<IOptions<CachingOptions>>().Value.Monitoring;
            return new HotKeyTracker(monitoring.HotKeySampleRate, monitoring.HotKeyCapacity, monitoring.HotKeyBucket, monitoring.HotKeyBuckets, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IHotQueries, HotQueries>();
        services.AddSingleton<HttpLevelStatistics>();
        services.AddSingleton<IHttpLevelRecorder>(sp => sp.GetRequiredService<HttpLevelStatistics>());
        services.AddSingleton<CacheTimeline>();
        services.AddSingleton<ICacheTimeline>(sp => sp.GetRequiredService<CacheTimeline>());
        services.AddSingleton<CacheStateGauges>();
        services.AddHostedService<CacheTimelineSampler>();
        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<RedisMemoryMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisMemoryMonitor>());
        services.AddSingleton<ICacheMonitor, CacheMonitor>();
        services.AddSingleton<RedisGuard>();
        services.AddSingleton<RedisPrimaryWatch>();

        // The engine's rooms (docs/caching.md has the map).
        services.AddSingleton<L1Cache>();
        services.AddSingleton<RedisTier>();
        services.AddSingleton<EntryCodec>();
        services.AddSingleton<SingleFlight>();
        services.AddSingleton<RedisLease>();
        services.AddSingleton<TagGenerations>();
        services.AddSingleton<InvalidationChannel>();
        services.AddSingleton<LiveInstances>();
        services.AddSingleton<InvalidationBroadcaster>();
        services.AddSingleton<DeferredInvalidations>();
        services.AddSingleton<TagInvalidator>();
        services.AddSingleton<InvalidationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<InvalidationListener>());
        services.AddSingleton<BusBeacon>();
        services.AddHostedService(sp => sp.GetRequiredService<BusBeacon>());
        services.AddSingleton<ICommittedChanges>(new OutboxChangeFeed(postgres));
        services.AddSingleton<OutageGenerations>();
        services.AddSingleton<MultiLevelCache>();
        services.AddSingleton<ICacheStore>(sp => new TracingCacheStore(sp.GetRequiredService<MultiLevelCache>()));
        services.AddSingleton<ICachePolicyProvider, CachePolicyProvider>();

        services.AddOptions<InvalidationOutboxOptions>().Bind(configuration.GetSection(InvalidationOutboxOptions.SectionName))
            .Validate(o => o.ReplayWindow >= OutageGenerations.MinimumRowLifetime, $"Caching:Outbox:ReplayWindow must be at least {OutageGenerations.MinimumRowLifetime}: reads while Redis is out see committed changes through the rows it keeps.")
            .ValidateOnStart();
        services.AddSingleton(sp => new InvalidationOutboxRelay(
            postgres,
            sp.GetRequiredService<ICacheStore>(),
            sp.GetRequiredService<RedisPrimaryWatch>(),
            sp.GetRequiredService<RedisConnection>().Multiplexer,
            sp.GetRequiredService<IOptions<InvalidationOutboxOptions>>(),
            sp.GetRequiredService<ILogger<InvalidationOutboxRelay>>()));
        services.AddHostedService(sp => sp.GetRequiredService<InvalidationOutboxRelay>());
        services.AddSingleton(sp => new AppliedOutboxRows(postgres, sp.GetRequiredService<ILogger<AppliedOutboxRows>>()));
        services.AddHostedService(sp => sp.GetRequiredService<AppliedOutboxRows>());
        return services;
    }
}
