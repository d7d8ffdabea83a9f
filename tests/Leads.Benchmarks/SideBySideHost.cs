using System.Text.Json;
using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Infrastructure;
using Leads.Application.Common.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Leads.Benchmarks;

/// <summary>
/// One Kestrel host that serves the same lead through each cache, so wrk can compare them over real HTTP in
/// one run: <c>/plain</c> (pre-serialized bytes, the ceiling), <c>/ours</c> (our engine, L1 hit with tag
/// validation, stored bytes written as they are), <c>/fusion</c> (FusionCache + Redis), <c>/hybrid</c>
/// (HybridCache + Redis) and <c>/output</c> (ASP.NET Core Output Caching, in memory).
/// </summary>
public static class SideBySideHost
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused";
        builder.Configuration["ConnectionStrings:Redis"] = BenchmarkData.Redis;
        builder.Configuration["Caching:KeyPrefix"] = "sbs-" + Guid.NewGuid().ToString("N")[..8];
        builder.Services.AddInfrastructure(builder.Configuration);
        var redis = await ConnectionMultiplexer.ConnectAsync(BenchmarkData.Redis);
        builder.Services.AddStackExchangeRedisCache(o => o.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis));
        builder.Services.AddFusionCache().WithSerializer(new FusionCacheSystemTextJsonSerializer()).WithRegisteredDistributedCache();
        builder.Services.AddHybridCache();
        builder.Services.AddOutputCache(o => o.AddBasePolicy(p => p.Expire(TimeSpan.FromMinutes(5))));
        var app = builder.Build();
        app.UseOutputCache();

        var lead = BenchmarkData.Lead(1);
        var json = JsonSerializer.SerializeToUtf8Bytes(lead, LeadsJson.TypeInfo<LeadDto>());
        var store = app.Services.GetRequiredService<ICacheStore>();
        var options = new CacheEntryOptions(new CachePolicy("LeadById", CacheLevel.Api, TimeSpan.FromMinutes(5), true, true), ["lead:1", "categories"]);
        var key = new CacheKey(CacheLevel.Api, "LeadById", CacheKey.SharedPartition, "1");
        var fusion = app.Services.GetRequiredService<IFusionCache>();
        var hybrid = app.Services.GetRequiredService<HybridCache>();

        app.MapGet("/plain", () => Results.Bytes(json, "application/json"));
        app.MapGet("/ours", async (CancellationToken ct) =>
        {
            var result = await store.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(lead), ct);
            return Results.Bytes(result.Payload!.Json, "application/json");
        });
        app.MapGet("/fusion", async (CancellationToken ct) =>
            Results.Json(await fusion.GetOrSetAsync("sbs:lead:1", _ => Task.FromResult(lead), TimeSpan.FromMinutes(5), ct), LeadsJson.TypeInfo<LeadDto>()));
        app.MapGet("/hybrid", async (CancellationToken ct) =>
            Results.Json(await hybrid.GetOrCreateAsync("sbs:lead:1", _ => ValueTask.FromResult(lead), cancellationToken: ct), LeadsJson.TypeInfo<LeadDto>()));
        app.MapGet("/output", () => Results.Json(lead, LeadsJson.TypeInfo<LeadDto>())).CacheOutput();

        await app.RunAsync();
    }
}
