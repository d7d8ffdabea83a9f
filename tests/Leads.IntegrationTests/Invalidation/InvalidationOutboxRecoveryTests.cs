using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// The invalidation of a committed change survives the death of the instance that made it. A write is
/// acknowledged while Redis is frozen (its tag bump cannot land), and the writing instance is then disposed
/// without ever reaching Redis again: its in-process retry dies with it. Its outbox row does not: once Redis
/// answers, the relay of the other instance applies it, and that instance stops serving the old lead within
/// the relay bound (docs/caching.md). The control shows the same scenario without a relay leaves it stale.
/// </summary>
[Collection(RedisFaultCollection.Name)]
public sealed class InvalidationOutboxRecoveryTests(OutboxOutageFixture fixture, ITestOutputHelper output)
    : IClassFixture<OutboxOutageFixture>, IAsyncLifetime
{
    /// <summary>The documented bound: circuit break (3 s) + relay interval (0.5 s) + a reconnect, after Redis answers.</summary>
    private static readonly TimeSpan RelayBound = TimeSpan.FromSeconds(5);

    private OwnRedisApiFactory Factory => fixture.Factory;

    private RedisServerProcess Redis => fixture.Redis;

    public async Task InitializeAsync()
    {
        await Redis.StartAgainAsync();
        await CacheReadiness.WaitUntilCacheIsUsedAsync(Factory);
        await Factory.ResetAsync();
    }

    public Task DisposeAsync()
    {
        // A failed test must not leave the server frozen for the next one.
        Redis.Resume();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_write_acknowledged_while_Redis_was_frozen_by_an_instance_that_died_reaches_the_other_instance_once_Redis_answers()
    {
        // The survivor has given up on Redis when it resumes (its connection dropped, or its circuit opened, whichever
        // comes first), so its relay has to wait for the reconnect or the end of the break before the bump lands.
        var (reader, url, notes) = await WriteWhileFrozenOnAnInstanceThatDiesAsync(Factory, CacheReadiness.WaitUntilRedisIsSkippedAsync);
        using var _ = reader;

        // Fresh reads that bypass the cache (an open circuit) do not count: the survivor must serve the new lead
        // from its cache again, which needs the tag bumped in Redis.
        var resumed = Stopwatch.GetTimestamp();
        TimeSpan? firstFresh = null;
        CachedRead read;
        do
        {
            read = await reader.ReadAsync(url);
            if (read.As<LeadDto>().Notes == notes)
            {
                firstFresh ??= Stopwatch.GetElapsedTime(resumed);
            }

            await Task.Delay(25);
        }
        while (!(read.IsCacheHit && read.As<LeadDto>().Notes == notes) && Stopwatch.GetElapsedTime(resumed) < RelayBound * 3);

        var elapsed = Stopwatch.GetElapsedTime(resumed);
        output.WriteLine($"After Redis resumed the survivor first served the write at {firstFresh?.TotalMilliseconds:F0} ms and from its cache at {elapsed.TotalMilliseconds:F0} ms; Cache-Status: {read.CacheStatus}");
        read.As<LeadDto>().Notes.Should().Be(notes);
        read.IsCacheHit.Should().BeTrue("the cache is used again once the invalidation is applied");
        elapsed.Should().BeLessThan(RelayBound, "the relay applies rows left by a dead writer within its bound once Redis answers");

        // The row is marked applied only after its bump is in Redis, where every instance reads it (and kept for the replay window).
        await Poll.UntilAsync(async () => await OutboxRows.CountAsync(Factory) == 0, RelayBound - Stopwatch.GetElapsedTime(resumed), "the relay to mark the row applied");
        (await OutboxRows.AppliedCountAsync(Factory)).Should().Be(1);
    }

    [Fact]
    public async Task Without_a_relay_the_other_instance_keeps_serving_the_old_lead_after_Redis_answers()
    {
        var noRelay = new OwnRedisApiFactory(Redis.ConnectionString);
        noRelay.Settings["Caching:Redis:BreakDuration"] = "00:00:03";
        noRelay.Settings["Caching:Outbox:RelayInterval"] = "01:00:00";
        noRelay.Settings["Caching:Outage:Enabled"] = "false";
        try
        {
            await noRelay.InitializeAsync();
            await CacheReadiness.WaitUntilCacheIsUsedAsync(noRelay);
            await StaysStaleWithoutRelayAsync(noRelay);
        }
        finally
        {
            await noRelay.DisposeAsync();
        }
    }

    private async Task StaysStaleWithoutRelayAsync(OwnRedisApiFactory noRelay)
    {
        var (reader, url, notes) = await WriteWhileFrozenOnAnInstanceThatDiesAsync(noRelay);
        using var _ = reader;

        // The proof that the first test can fail: nothing applies the row, so once the bound has passed the cache
        // still answers with the old lead (reads that bypass it while the circuit is open do not count).
        var resumed = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(resumed) < RelayBound)
        {
            await Task.Delay(100);
        }

        var hit = await reader.WarmAsync(url);
        output.WriteLine($"{Stopwatch.GetElapsedTime(resumed).TotalMilliseconds:F0} ms after Redis resumed: {hit.CacheStatus}");
        hit.As<LeadDto>().Notes.Should().NotBe(notes, "no one applied the invalidation");
        (await OutboxRows.CountAsync(noRelay)).Should().Be(1, "the row waits for a relay");
    }

    /// <summary>
    /// Warms the lead on <paramref name="survivor"/>, then writes it on a second instance while Redis is frozen and
    /// disposes that instance before Redis resumes. The writer's circuit is open before the write (Redis has been
    /// failing it), so its bump is never sent: a command sent to a frozen Redis waits in the server's socket buffer
    /// and would run when Redis resumes, which is not the case this specifies. Returns a reader on the survivor.
    /// </summary>
    private async Task<(HttpClient Reader, string Url, string Notes)> WriteWhileFrozenOnAnInstanceThatDiesAsync(
        OwnRedisApiFactory survivor, Func<HttpClient, Task>? beforeResume = null)
    {
        var writer = new SecondInstanceApiFactory(survivor);
        writer.Settings["Caching:Redis:OperationTimeout"] = "00:00:00.050";
        writer.Settings["Caching:Redis:MinimumThroughput"] = "2";
        writer.Settings["Caching:Redis:BreakDuration"] = "00:01:00";
        var reader = await survivor.CreateSalesAClientAsync();
        using var writerClient = await writer.CreateSalesAClientAsync();
        await InvalidationChannel.WaitForSubscribersAsync(survivor, 2);
        var lead = await survivor.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());
        var url = $"/api/leads/{lead.Id}";
        var notes = "written by an instance that died while Redis was frozen";
        (await reader.WarmAsync(url)).As<LeadDto>().Notes.Should().NotBe(notes);

        Redis.Freeze();
        try
        {
            // Reads whose Redis calls time out open the writer's circuit (two failures suffice with its settings).
            for (var i = 0; i < 3; i++)
            {
                (await writerClient.ReadAsync("/api/static/config")).Status.Should().Be(HttpStatusCode.OK);
            }

            var response = await writerClient.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = notes }, CachedRead.Json);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "the write commits whatever Redis does");

            var rows = await OutboxRows.TagsAsync(survivor);
            rows.Should().ContainSingle("the change's invalidation was committed with it").Which.Should().Contain(CacheTags.Lead(lead.Id));

            // The writer dies with its in-process retry of the bump.
            await ((IAsyncDisposable)writer).DisposeAsync();
            if (beforeResume is not null)
            {
                await beforeResume(reader);
            }
        }
        finally
        {
            Redis.Resume();
        }

        return (reader, url, notes);
    }
}
