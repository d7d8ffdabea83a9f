using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// A write whose invalidation cannot reach Redis must still succeed, and must not let any cache level serve
/// the old data afterwards: the instance bypasses its caches while the invalidation is pending and replays it
/// once Redis answers again. The frozen case is the one that matters: a SIGSTOPped Redis comes back with
/// every old entry and the old tag generations.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RedisOutageInvalidationTests(RedisOutageFixture fixture, ITestOutputHelper output)
    : IClassFixture<RedisOutageFixture>, IAsyncLifetime
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);

    private OwnRedisApiFactory Factory => fixture.Factory;

    private RedisServerProcess Redis => fixture.Redis;

    public async Task InitializeAsync()
    {
        await Redis.StartAgainAsync();
        await CacheReadiness.WaitUntilCacheIsUsedAsync(Factory);
        await InvalidationChannel.WaitForSubscribersAsync(Factory, 1);
        await Factory.ResetAsync();
    }

    public async Task DisposeAsync()
    {
        // A failed test must not leave the server frozen or down for the next one.
        Redis.Resume();
        await Redis.StartAgainAsync();
    }

    [Fact]
    public async Task A_write_while_Redis_is_down_succeeds_and_nothing_stale_is_served_once_Redis_is_back()
    {
        using var client = await Factory.CreateSalesAClientAsync();
        var lead = await LeadAsync();
        var url = $"/api/leads/{lead.Id}";
        await client.WarmAsync(url);

        Redis.Kill();
        var response = await client.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = "written while Redis was down" }, CachedRead.Json);
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var duringOutage = await client.ReadAsync(url);
        duringOutage.As<LeadDto>().Notes.Should().Be("written while Redis was down");
        duringOutage.Level("leads-api").Should().Contain("fwd=bypass");

        await Redis.StartAgainAsync();
        await ReadFreshUntilCachedAsync(client, url, "written while Redis was down", lead.Version + 1);
    }

    [Fact]
    public async Task A_write_while_Redis_is_frozen_succeeds_and_the_old_entries_it_keeps_are_never_served()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var lead = await LeadAsync();
        var url = $"/api/leads/{lead.Id}";
        await client.WarmAsync(url);
        var entryKey = new CacheKey(CacheLevel.Api, CachePolicies.LeadById, "admin", CacheKey.Parts(lead.Id)).Render(Factory.KeyPrefix);
        var entryBefore = await RawGetAsync(entryKey);
        entryBefore.Should().NotBeNull("the warmed lead is stored in Redis");

        Redis.Freeze();
        try
        {
            var write = Stopwatch.StartNew();
            var response = await client.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = "written while Redis was frozen" }, CachedRead.Json);
            output.WriteLine($"The write took {write.ElapsedMilliseconds} ms against a frozen Redis");
            response.StatusCode.Should().Be(HttpStatusCode.OK);

            var duringFreeze = await client.ReadAsync(url);
            duringFreeze.As<LeadDto>().Notes.Should().Be("written while Redis was frozen");
        }
        finally
        {
            Redis.Resume();
        }

        // The hard case is real: Redis still holds the entry written before the change, byte for byte.
        (await RawGetAsync(entryKey)).Should().Equal(entryBefore);

        await ReadFreshUntilCachedAsync(client, url, "written while Redis was frozen", lead.Version + 1);
    }

    [Fact]
    public async Task A_write_on_one_instance_while_Redis_is_frozen_reaches_the_other_instance_once_Redis_answers_again()
    {
        var instanceB = new SecondInstanceApiFactory(Factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        using var writerOnA = await Factory.CreateSalesAClientAsync();
        using var readerOnB = await instanceB.CreateSalesAClientAsync();
        await InvalidationChannel.WaitForSubscribersAsync(Factory, 2);
        var lead = await LeadAsync();
        var url = $"/api/leads/{lead.Id}";
        await readerOnB.WarmAsync(url);

        Redis.Freeze();
        try
        {
            var response = await writerOnA.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = "written on A while Redis was frozen" }, CachedRead.Json);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            Redis.Resume();
        }

        // Only A knows what it could not invalidate; B learns it when A replays the bump and publishes it.
        var resumed = Stopwatch.GetTimestamp();
        CachedRead read;
        do
        {
            read = await readerOnB.ReadAsync(url);
            await Task.Delay(25);
        }
        while (read.As<LeadDto>().Notes != "written on A while Redis was frozen" && Stopwatch.GetElapsedTime(resumed) < RecoveryBound);

        var elapsed = Stopwatch.GetElapsedTime(resumed);
        output.WriteLine($"Instance B served the write after {elapsed.TotalMilliseconds:F0} ms; Cache-Status: {read.CacheStatus}");
        read.As<LeadDto>().Notes.Should().Be("written on A while Redis was frozen");
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "A retries pending invalidations every 500 ms once its circuit lets calls through");
    }

    [Fact]
    public async Task An_instance_whose_subscription_was_dropped_still_sees_writes_of_other_instances_within_milliseconds()
    {
        var instanceB = new SecondInstanceApiFactory(Factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        using var writerOnA = await Factory.CreateSalesAClientAsync();
        using var readerOnB = await instanceB.CreateSalesAClientAsync();
        await InvalidationChannel.WaitForSubscribersAsync(Factory, 2);
        var lead = await LeadAsync();
        var url = $"/api/leads/{lead.Id}";
        await readerOnB.WarmAsync(url);

        // Redis drops subscribers on its own, e.g. one over client-output-buffer-limit pubsub; the instances
        // resubscribe, and messages published in between are lost. Their data connections stay up.
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true"))
        {
            await admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
        }

        var response = await writerOnA.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = "published to nobody" }, CachedRead.Json);
        var acknowledged = Stopwatch.GetTimestamp();
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        CachedRead read;
        do
        {
            read = await readerOnB.ReadAsync(url);
        }
        while (read.As<LeadDto>().Notes != "published to nobody" && Stopwatch.GetElapsedTime(acknowledged) < RecoveryBound);

        var elapsed = Stopwatch.GetElapsedTime(acknowledged);
        output.WriteLine($"Instance B served the write after {elapsed.TotalMilliseconds:F0} ms; Cache-Status: {read.CacheStatus}");
        read.As<LeadDto>().Notes.Should().Be("published to nobody");
        elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(500), "the bump is in Redis, where B can read it while it cannot hear about it");
    }

    /// <summary>
    /// Reads until the service level uses the cache again (pending invalidation replayed), asserting that every
    /// read on the way shows the write, then that the next read is a hit with the new data.
    /// </summary>
    private async Task ReadFreshUntilCachedAsync(HttpClient client, string url, string notes, long version)
    {
        var started = Stopwatch.GetTimestamp();
        var reads = 0;
        CachedRead read;
        do
        {
            read = await client.ReadAsync(url);
            reads++;
            read.Status.Should().Be(HttpStatusCode.OK);
            read.As<LeadDto>().Should().Match<LeadDto>(l => l.Notes == notes && l.Version == version, "read {0} after the outage must not be stale (Cache-Status: {1})", reads, read.CacheStatus);
            if (!read.Level("leads-api").Contains("fwd=bypass", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(25);
        }
        while (Stopwatch.GetElapsedTime(started) < RecoveryBound);

        output.WriteLine($"The cache was used again after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms and {reads} reads; Cache-Status: {read.CacheStatus}");
        read.Level("leads-api").Should().NotContain("fwd=bypass", "the pending invalidation must be replayed within {0}", RecoveryBound);

        var hit = await client.ReadAsync(url);
        hit.IsCacheHit.Should().BeTrue();
        hit.As<LeadDto>().Notes.Should().Be(notes);
    }

    private Task<Lead> LeadAsync() =>
        Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());

    private async Task<byte[]?> RawGetAsync(string key)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        return (byte[]?)await connection.GetDatabase().StringGetAsync(key);
    }
}
