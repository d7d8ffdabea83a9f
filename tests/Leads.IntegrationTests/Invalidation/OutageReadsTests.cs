using System.Net;
using System.Net.Http.Json;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// While Redis is frozen, an instance keeps answering from L1 under outage stamps, and a write acknowledged by
/// another instance meanwhile (whose bump cannot reach Redis, so no message reaches anyone) is what the reading
/// instance's next read returns: the read waits for a read of the outbox that started after it, and the write's
/// row is there. The control in the same run: a change that bypasses the API (no outbox row) is not seen, which
/// shows the answers really come from L1 and that the outbox is what invalidates them (docs/caching.md,
/// "Reads while Redis is out").
/// </summary>
[Collection(RedisFaultCollection.Name)]
public sealed class OutageReadsTests : IAsyncLifetime
{
    private RedisServerProcess _redis = null!;
    private OwnRedisApiFactory _reader = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _reader = new OwnRedisApiFactory(_redis.ConnectionString);
        _reader.Settings["Caching:Redis:BreakDuration"] = "00:01:00";
        await _reader.InitializeAsync();
        await CacheReadiness.WaitUntilCacheIsUsedAsync(_reader);
    }

    public async Task DisposeAsync()
    {
        _redis.Resume();
        try
        {
            await _reader.DisposeAsync();
        }
        finally
        {
            _redis.Dispose();
        }
    }

    [Fact]
    public async Task While_Redis_is_frozen_L1_answers_and_a_write_acknowledged_by_another_instance_is_the_next_read()
    {
        var writer = new SecondInstanceApiFactory(_reader);
        writer.Settings["Caching:Redis:MinimumThroughput"] = "2";
        writer.Settings["Caching:Redis:BreakDuration"] = "00:01:00";
        try
        {
            var reader = await _reader.CreateSalesAClientAsync();
            using var writerClient = await writer.CreateSalesAClientAsync();
            await InvalidationChannel.WaitForSubscribersAsync(_reader, 2);
            var lead = await _reader.WithDbAsync(db => db.Leads.AsNoTracking()
                .Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());
            var url = $"/api/leads/{lead.Id}";
            (await reader.WarmAsync(url)).As<LeadDto>().Notes.Should().Be(lead.Notes);

            _redis.Freeze();
            await CacheReadiness.WaitUntilRedisIsSkippedAsync(reader);
            await CacheReadiness.WaitUntilRedisIsSkippedAsync(writerClient);

            // The first read of the outage loads, the next ones are answered from L1.
            (await reader.ReadAsync(url)).As<LeadDto>().Notes.Should().Be(lead.Notes);
            var hit = await reader.ReadAsync(url);
            hit.IsCacheHit.Should().BeTrue("L1 keeps answering while Redis is frozen; Cache-Status: {0}", hit.CacheStatus);

            var notes = "written by another instance while Redis was frozen";
            var written = await writerClient.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = notes }, CachedRead.Json);
            written.StatusCode.Should().Be(HttpStatusCode.OK, "the write commits whatever Redis does");

            var next = await reader.ReadAsync(url);
            next.As<LeadDto>().Notes.Should().Be(notes, "a read that started after the write was acknowledged returns it; Cache-Status: {0}", next.CacheStatus);
            var again = await reader.ReadAsync(url);
            again.As<LeadDto>().Notes.Should().Be(notes);
            again.IsCacheHit.Should().BeTrue("the new version is answered from L1 again; Cache-Status: {0}", again.CacheStatus);

            // Control: a change that bypasses the API leaves no outbox row, so nothing tells L1 about it.
            await _reader.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE leads SET \"Notes\" = 'changed behind the API' WHERE \"Id\" = {0}", lead.Id));
            var behind = await reader.ReadAsync(url);
            behind.IsCacheHit.Should().BeTrue();
            behind.As<LeadDto>().Notes.Should().Be(notes, "only committed changes with an outbox row invalidate what L1 answers during an outage");
        }
        finally
        {
            _redis.Resume();
            await ((IAsyncDisposable)writer).DisposeAsync();
        }
    }
}
