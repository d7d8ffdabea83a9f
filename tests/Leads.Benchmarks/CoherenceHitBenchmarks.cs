using BenchmarkDotNet.Attributes;
using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Infrastructure;
using Leads.Infrastructure.Caching.Invalidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Leads.Benchmarks;

/// <summary>
/// What read-after-write across instances (ADR 0004) costs an L1 hit: the same hit with Caching:Coherence on
/// (the instance checks that its last ping came back and its heartbeat is current) and off. Both engines run
/// their background services, as in the API, so the fenced engine is in sync and never asks Redis on a hit.
/// </summary>
[MemoryDiagnoser]
public class CoherenceHitBenchmarks
{
    private readonly LeadDto _lead = BenchmarkData.Lead(1);
    private readonly CacheKey _key = new(CacheLevel.Api, "LeadById", CacheKey.SharedPartition, "1");
    private readonly CacheEntryOptions _options = new(new CachePolicy("LeadById", CacheLevel.Api, TimeSpan.FromMinutes(5), true, true), ["lead:1", "categories"]);
    private ServiceProvider _fenced = null!;
    private ServiceProvider _unfenced = null!;
    private ICacheStore _fencedStore = null!;
    private ICacheStore _unfencedStore = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _fenced = await StartAsync(coherence: true);
        _unfenced = await StartAsync(coherence: false);
        _fencedStore = _fenced.GetRequiredService<ICacheStore>();
        _unfencedStore = _unfenced.GetRequiredService<ICacheStore>();
        var generations = _fenced.GetRequiredService<TagGenerations>();
        while (!generations.TrustsLocal)
        {
            await Task.Delay(10);
        }

        await FencedL1Hit();
        await UnfencedL1Hit();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fenced.Dispose();
        _unfenced.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async ValueTask<LeadDto?> UnfencedL1Hit() => (await _unfencedStore.GetOrCreateAsync(_key, _options, _ => ValueTask.FromResult(_lead), default)).Value;

    [Benchmark]
    public async ValueTask<LeadDto?> FencedL1Hit() => (await _fencedStore.GetOrCreateAsync(_key, _options, _ => ValueTask.FromResult(_lead), default)).Value;

    private static async Task<ServiceProvider> StartAsync(bool coherence)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused",
            ["ConnectionStrings:Redis"] = BenchmarkData.Redis,
            ["Caching:KeyPrefix"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
            ["Caching:Coherence:Enabled"] = coherence ? "true" : "false",
        }).Build();
        var provider = new ServiceCollection().AddLogging().AddMetrics().AddInfrastructure(configuration).BuildServiceProvider();
        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        return provider;
    }
}
