using System.Net.Http.Headers;
using System.Net.Http.Json;
using Leads.Application.Auth.Models;
using Leads.Infrastructure.Caching;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Tiers;
using Leads.Infrastructure.Persistence;
using Leads.Infrastructure.Persistence.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Infrastructure;

/// <summary>
/// Hosts the real API against the real Postgres and Redis: its own database (migrated, seeded with the demo
/// accounts and <see cref="SeedLeads"/> leads) and its own Redis key prefix, so factories never see each
/// other's data. <see cref="ResetAsync"/> restores that state between tests (Respawn plus a cache flush).
/// </summary>
public class LeadsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int SeedLeads = 60;

    private readonly string _database = "leads_it_" + Guid.NewGuid().ToString("N")[..10];
    private Respawner? _respawner;

    public string KeyPrefix { get; } = "it-" + Guid.NewGuid().ToString("N")[..10];

    public string PostgresConnectionString => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _database }.ConnectionString;

    /// <summary>The Postgres server this factory creates its database on; the shared one unless a derived factory brings its own.</summary>
    public virtual string PostgresServer => TestServices.PostgresServer;

    public QueryCounter Queries { get; } = new();

    /// <summary>Extra settings a derived factory (or a test) applies on top of the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public virtual string RedisConnectionString => TestServices.Redis;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        // Starting the host applies migrations and seeds (Database:ApplyMigrations, Seed:Enabled).
        _ = Services;
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],

            // lead_counts belongs to the leads table: its triggers empty it when leads is truncated (and count
            // down on a delete). Resetting it on its own could leave it disagreeing with leads.
            TablesToIgnore = ["__EFMigrationsHistory", "lead_counts"],
        });
    }

    /// <summary>Empties the database, seeds it again and drops every cache entry and known tag generation.</summary>
    public async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            await connection.OpenAsync();
            await _respawner!.ResetAsync(connection);
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(SeedLeads, CancellationToken.None);
        }

        await FlushCacheAsync();
        Queries.Reset();
    }

    /// <summary>Deletes this factory's Redis keys (entries and tag counters) and clears the in-process tier.</summary>
    public async Task FlushCacheAsync()
    {
        var multiplexer = Services.GetRequiredService<Leads.Infrastructure.Caching.Redis.RedisConnection>().Multiplexer;
        foreach (var endPoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endPoint);
            if (!server.IsConnected || server.IsReplica)
            {
                continue;
            }

            var keys = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(pattern: KeyPrefix + ":*", pageSize: 1000))
            {
                keys.Add(key);
            }

            // One DEL per hash slot: on Redis Cluster a multi-key command must stay within one.
            foreach (var slot in keys.GroupBy(key => multiplexer.HashSlot(key)))
            {
                await multiplexer.GetDatabase().KeyDeleteAsync(slot.ToArray());
            }
        }

        Services.GetRequiredService<L1Cache>().Clear();
        Services.GetRequiredService<TagGenerations>().Forget();
    }

    public async Task<HttpClient> CreateClientForAsync(string userName, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenDto>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> CreateAdminClientAsync() => CreateClientForAsync(DemoData.AdminName, DemoData.AdminPassword);

    public Task<HttpClient> CreateSalesAClientAsync() => CreateClientForAsync(DemoData.SalesAName, DemoData.SalesAPassword);

    public Task<HttpClient> CreateSalesBClientAsync() => CreateClientForAsync(DemoData.SalesBName, DemoData.SalesBPassword);

    /// <summary>Runs <paramref name="action"/> with a fresh DbContext of this factory's database.</summary>
    public async Task<T> WithDbAsync<T>(Func<LeadsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<LeadsDbContext>());
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", PostgresConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", RedisConnectionString);
        builder.UseSetting("Caching:KeyPrefix", KeyPrefix);
        builder.UseSetting("Database:ApplyMigrations", "true");
        builder.UseSetting("Seed:Enabled", "true");
        builder.UseSetting("Seed:Leads", SeedLeads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // Tests start from an empty cache; CacheWarmupTests switch warming on for their own host.
        builder.UseSetting("Caching:Warmup:Enabled", "false");

        // Nor do they expect a bulk invalidation to be followed by reloads; HotKeyWarmingTests switch it on.
        builder.UseSetting("Caching:HotKeyWarming:Enabled", "false");

        // Tests that assert cache outcomes must not turn into "unavailable" because a loaded CI machine made one
        // Redis call slower than the production timeouts (250 ms, soft 50 ms); fault tests set them back themselves.
        builder.UseSetting("Caching:Redis:OperationTimeout", "00:00:02");
        builder.UseSetting("Caching:Redis:SoftTimeout", "00:00:02");

        // Many specifications log in or invalidate the cache dozens of times a minute from one address; they are not
        // about rate limits, so their host allows far more. RateLimitingTests set the limits they specify themselves.
        builder.UseSetting("RateLimiting:TokenPerUserName:PermitLimit", "1000000");
        builder.UseSetting("RateLimiting:TokenPerClient:PermitLimit", "1000000");
        builder.UseSetting("RateLimiting:CacheInvalidationPerUser:PermitLimit", "1000000");

        // Every test seeds three accounts and signs in: at the production cost (600,000 iterations, ~0.2 s each) that
        // alone would add minutes to the suite. PasswordHashingTests check the production default and the rehash.
        builder.UseSetting("Security:PasswordHashing:Iterations", "1000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Queries));
    }
}
