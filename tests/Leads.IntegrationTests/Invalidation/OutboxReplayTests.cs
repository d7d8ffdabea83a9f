using System.Net;
using System.Net.Http.Json;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Persistence.Outbox;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// A Redis restored from an older RDB has lost bumps that had landed (their outbox rows were applied): the entry
/// and the counter come back as they were before the write. The instance that was running notices the new
/// replication id, drops its local state and applies the outbox's replay window again (ADR 0005), so an instance
/// started after the restore, which remembers nothing, does not serve the entry the write replaced.
/// </summary>
[Collection(RedisFaultCollection.Name)]
public sealed class OutboxReplayTests
{
    [Fact]
    public async Task After_a_restore_from_an_older_RDB_no_instance_serves_the_lead_the_write_replaced()
    {
        var dir = Directory.CreateTempSubdirectory("leads-rdb-").FullName;
        using var redis = new RedisServerProcess(RedisServerProcess.FreePort(), "--dir", dir, "--dbfilename", "dump.rdb");
        var first = new OwnRedisApiFactory(redis.ConnectionString);
        try
        {
            await first.InitializeAsync();
            await CacheReadiness.WaitUntilCacheIsUsedAsync(first);
            await first.ResetAsync();
            var relay = first.Services.GetRequiredService<InvalidationOutboxRelay>();
            (await relay.CheckPrimaryAsync(CancellationToken.None)).Should().BeFalse("the first look at the primary is no switch");

            using var client = await first.CreateSalesAClientAsync();
            var lead = await first.WithDbAsync(db => db.Leads.AsNoTracking().FirstAsync(l => l.TeamId == DemoData.TeamA));
            var url = $"/api/leads/{lead.Id}";
            var old = (await client.WarmAsync(url)).As<LeadDto>().Notes;
            await SaveAsync(redis);

            var response = await client.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = "written after the RDB" }, CachedRead.Json);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            await Poll.UntilAsync(async () => await OutboxRows.AppliedCountAsync(first) == 1, TimeSpan.FromSeconds(5), "the write's row to be marked applied");

            // Restore: the server restarts from the RDB saved before the write, with a new replication id.
            var replays = relay.Replays;
            redis.Kill();
            redis.Start();
            await Poll.UntilAsync(() => relay.Replays > replays && !relay.ReplayPending, TimeSpan.FromSeconds(15), "the running instance to notice the restore and replay the window");

            var second = new SecondInstanceApiFactory(first);
            await using var disposeSecond = (IAsyncDisposable)second;
            using var secondClient = await second.CreateSalesAClientAsync();
            var onSecond = await secondClient.WarmAsync(url);
            onSecond.As<LeadDto>().Notes.Should().Be("written after the RDB", "the replay bumped the restored counter past the restored entry's stamp (the entry held {0})", old ?? "no notes");
            (await client.WarmAsync(url)).As<LeadDto>().Notes.Should().Be("written after the RDB");
        }
        finally
        {
            await first.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task SaveAsync(RedisServerProcess redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        (await connection.GetDatabase().ExecuteAsync("SAVE")).ToString().Should().Be("OK");
    }
}
