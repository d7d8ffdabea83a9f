using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Leads.Application.Caching;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Caching;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Tiers;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// Two API instances share Postgres and Redis but each has its own in-process L1. A write on one must reach the
/// other's L1 through the invalidation channel within milliseconds; the stamps make its Redis entries stale at once.
/// </summary>
public sealed class TwoInstanceInvalidationTests(LeadsApiFactory factory, ITestOutputHelper output) : ApiTestBase(factory)
{
    private static readonly TimeSpan FreshnessBound = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task A_write_on_one_instance_reaches_the_in_process_cache_of_the_other_within_milliseconds()
    {
        var instanceB = new SecondInstanceApiFactory(Factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        using var writerOnA = await Factory.CreateSalesAClientAsync();
        using var readerOnB = await instanceB.CreateSalesAClientAsync();
        await InvalidationChannel.WaitForSubscribersAsync(Factory, 2);

        var lead = await Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());
        var url = $"/api/leads/{lead.Id}";
        var warmed = await readerOnB.WarmAsync(url);
        if (!warmed.Level("leads-api").Contains("detail=l1", StringComparison.Ordinal))
        {
            // A hit from Redis copies the entry into L1; the next read is served from there.
            warmed = await readerOnB.ReadAsync(url);
        }

        warmed.Level("leads-api").Should().Be("leads-api; hit; detail=l1; key=LeadById", "instance B must hold the lead in its own L1");
        (await readerOnB.WarmAsync("/api/leads?pageSize=100")).Level("leads-api").Should().Contain("detail=l1");

        var response = await writerOnA.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = "written on instance A" }, CachedRead.Json);
        var acknowledged = Stopwatch.GetTimestamp();
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var staleReads = 0;
        CachedRead read;
        while (true)
        {
            read = await readerOnB.ReadAsync(url);
            if (read.As<LeadDto>().Notes == "written on instance A" || Stopwatch.GetElapsedTime(acknowledged) > TimeSpan.FromSeconds(5))
            {
                break;
            }

            staleReads++;
        }

        var elapsed = Stopwatch.GetElapsedTime(acknowledged);
        output.WriteLine($"Instance B served the write of instance A after {elapsed.TotalMilliseconds:F1} ms ({staleReads} stale reads before); Cache-Status: {read.CacheStatus}");

        read.As<LeadDto>().Notes.Should().Be("written on instance A");
        read.As<LeadDto>().Version.Should().Be(lead.Version + 1);
        elapsed.Should().BeLessThan(FreshnessBound);

        // The same message carried the lead's tag: B's list page, whose bodies are the per-lead entries, is fresh too, without waiting.
        var list = await readerOnB.ReadAsync("/api/leads?pageSize=100");
        list.As<PagedResult<LeadDto>>().Items.Single(l => l.Id == lead.Id).Notes.Should().Be("written on instance A");
    }

    [Fact]
    public async Task A_category_rename_on_one_instance_reaches_every_lead_read_of_the_other()
    {
        var instanceB = new SecondInstanceApiFactory(Factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        using var adminOnA = await Factory.CreateAdminClientAsync();
        using var readerOnB = await instanceB.CreateSalesBClientAsync();
        await InvalidationChannel.WaitForSubscribersAsync(Factory, 2);

        var lead = await Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamB && l.Status != LeadStatus.Won).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());
        var url = $"/api/leads/{lead.Id}";
        await readerOnB.WarmAsync(url);
        await readerOnB.WarmAsync("/api/leads/categories");

        (await adminOnA.PutAsJsonAsync($"/api/leads/categories/{lead.CategoryId}", new { name = "Renamed on A", description = (string?)null }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var acknowledged = Stopwatch.GetTimestamp();

        CachedRead read;
        do
        {
            read = await readerOnB.ReadAsync(url);
        }
        while (read.As<LeadDto>().CategoryName != "Renamed on A" && Stopwatch.GetElapsedTime(acknowledged) < TimeSpan.FromSeconds(5));

        var elapsed = Stopwatch.GetElapsedTime(acknowledged);
        output.WriteLine($"Instance B showed the renamed category after {elapsed.TotalMilliseconds:F1} ms");
        read.As<LeadDto>().CategoryName.Should().Be("Renamed on A");
        elapsed.Should().BeLessThan(FreshnessBound);
        (await readerOnB.ReadAsync("/api/leads/categories")).Body.Should().Contain("Renamed on A");
    }

    [Fact]
    public async Task An_instance_that_missed_an_invalidation_message_stops_serving_the_old_entry_within_the_L1_bound()
    {
        // L1:MaxDuration is documented as the bound on serving an entry whose invalidation message never arrived.
        var maxDuration = TimeSpan.FromSeconds(1);
        var instanceB = new SecondInstanceApiFactory(Factory);
        instanceB.Settings["Caching:L1:MaxDuration"] = maxDuration.ToString();
        await using var disposeB = (IAsyncDisposable)instanceB;
        using var readerOnB = await instanceB.CreateSalesAClientAsync();
        await InvalidationChannel.WaitForSubscribersAsync(Factory, 2);

        var lead = await Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());
        var url = $"/api/leads/{lead.Id}";
        await readerOnB.WarmAsync(url);

        // What a writer whose message got lost leaves behind: the row changed and the tag bumped in Redis, no message.
        await Factory.WithDbAsync(db => db.Leads.Where(l => l.Id == lead.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Notes, "message lost").SetProperty(l => l.Version, l => l.Version + 1)));
        var redis = Factory.Services.GetRequiredService<RedisConnection>().Multiplexer.GetDatabase();
        await redis.StringIncrementAsync(Factory.Services.GetRequiredService<TagGenerations>().TagKey(CacheTags.Lead(lead.Id)));
        var bumped = Stopwatch.GetTimestamp();

        CachedRead read;
        do
        {
            read = await readerOnB.ReadAsync(url);
            await Task.Delay(50);
        }
        while (read.As<LeadDto>().Notes != "message lost" && Stopwatch.GetElapsedTime(bumped) < TimeSpan.FromSeconds(5));

        var elapsed = Stopwatch.GetElapsedTime(bumped);
        output.WriteLine($"Instance B stopped serving the invalidated entry after {elapsed.TotalMilliseconds:F0} ms; Cache-Status: {read.CacheStatus}");
        read.As<LeadDto>().Notes.Should().Be("message lost", "the old entry is stale in Redis and B must find out without the message");
        elapsed.Should().BeLessThan(maxDuration + TimeSpan.FromSeconds(1));
    }
}
