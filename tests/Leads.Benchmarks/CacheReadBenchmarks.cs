using BenchmarkDotNet.Attributes;
using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Infrastructure;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Leads.Benchmarks;

/// <summary>
/// The read paths that serve most requests, side by side with FusionCache and Microsoft HybridCache, all
/// against the same local Redis: an in-process (L1) hit, and a Redis (L2) hit with the memory tier bypassed.
/// Our engine also validates tag generations on every hit, which the others do not.
/// </summary>
[MemoryDiagnoser]
public class CacheReadBenchmarks
{
    private const string Key = "bench:lead:1";
    private ServiceProvider _ours = null!;
    private ServiceProvider _theirs = null!;
    private ICacheStore _store = null!;
    private CacheEntryOptions _l1Options = null!;
    private CacheEntryOptions _l2Options = null!;
    private IFusionCache _fusion = null!;
    private HybridCache _hybrid = null!;
    private readonly LeadDto _lead = BenchmarkData.Lead(1);
    private readonly Func<CancellationToken, ValueTask<LeadDto>> _factory;
    private static readonly FusionCacheEntryOptions FusionL2Only = new() { Duration = TimeSpan.FromMinutes(5), SkipMemoryCacheRead = true, SkipMemoryCacheWrite = true };
    private static readonly HybridCacheEntryOptions HybridL2Only = new() { Expiration = TimeSpan.FromMinutes(5), Flags = HybridCacheEntryFlags.DisableLocalCache };

    public CacheReadBenchmarks()
    {
        _factory = _ => ValueTask.FromResult(_lead);
    }

    [GlobalSetup]
    public async Task Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused",
            ["ConnectionStrings:Redis"] = BenchmarkData.Redis,
            ["Caching:KeyPrefix"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
        }).Build();
        _ours = new ServiceCollection().AddLogging().AddMetrics().AddInfrastructure(configuration).BuildServiceProvider();

        // As in the API: the invalidation listener and the bus beacon run, so remembered generations are trusted
        // and an L1 hit does not ask Redis (ADR 0004).
        foreach (var service in _ours.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        while (!_ours.GetRequiredService<Leads.Infrastructure.Caching.Invalidation.TagGenerations>().TrustsLocal)
        {
            await Task.Delay(10);
        }

        _store = _ours.GetRequiredService<ICacheStore>();
        _l1Options = new CacheEntryOptions(new CachePolicy("LeadById", CacheLevel.Api, TimeSpan.FromMinutes(5), true, true), ["lead:1", "categories"]);
        _l2Options = new CacheEntryOptions(new CachePolicy("LeadByIdL2", CacheLevel.Api, TimeSpan.FromMinutes(5), true, false), ["lead:1", "categories"]);

        var redis = await ConnectionMultiplexer.ConnectAsync(BenchmarkData.Redis);
        var services = new ServiceCollection().AddLogging();
        services.AddStackExchangeRedisCache(o => o.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis));
        services.AddFusionCache().WithSerializer(new FusionCacheSystemTextJsonSerializer()).WithRegisteredDistributedCache();
        services.AddHybridCache();
        _theirs = services.BuildServiceProvider();
        _fusion = _theirs.GetRequiredService<IFusionCache>();
        _hybrid = _theirs.GetRequiredService<HybridCache>();

        // Warm every path once so the measured calls are hits.
        await OursL1Hit();
        await OursL2Hit();
        await FusionCacheL1Hit();
        await FusionCacheL2Hit();
        await HybridCacheL1Hit();
        await HybridCacheL2Hit();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours.Dispose();
        _theirs.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async ValueTask<LeadDto?> OursL1Hit() =>
        (await _store.GetOrCreateAsync(new CacheKey(CacheLevel.Api, "LeadById", CacheKey.SharedPartition, "1"), _l1Options, _factory, default)).Value;

    [Benchmark]
    public async ValueTask<LeadDto> FusionCacheL1Hit() =>
        await _fusion.GetOrSetAsync<LeadDto>(Key, _factory(default).AsTask().Result, TimeSpan.FromMinutes(5));

    [Benchmark]
    public ValueTask<LeadDto> HybridCacheL1Hit() =>
        _hybrid.GetOrCreateAsync(Key, _factory);

    [Benchmark]
    public async ValueTask<LeadDto?> OursL2Hit() =>
        (await _store.GetOrCreateAsync(new CacheKey(CacheLevel.Api, "LeadByIdL2", CacheKey.SharedPartition, "1"), _l2Options, _factory, default)).Value;

    [Benchmark]
    public async ValueTask<LeadDto> FusionCacheL2Hit() =>
        await _fusion.GetOrSetAsync<LeadDto>(Key + ":l2", _lead, FusionL2Only);

    [Benchmark]
    public ValueTask<LeadDto> HybridCacheL2Hit() =>
        _hybrid.GetOrCreateAsync(Key + ":l2", _factory, HybridL2Only);
}
