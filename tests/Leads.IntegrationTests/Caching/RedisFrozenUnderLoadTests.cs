using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Caching.Monitoring;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// 40 concurrent readers while the private redis-server is frozen (SIGSTOP) for 3 s, with the production Redis
/// timeout (250 ms), circuit and soft timeout (50 ms). What must hold is structural, not a percentile: no read
/// waits for Redis longer than the soft timeout (no brief call ever reaches the hard timeout), the reads that wait
/// at all are bounded by two per reader in flight when Redis froze plus one probe per hard timeout, and a write
/// acknowledged during the freeze is what every read started after it returns, also after Redis resumes. While
/// Redis is frozen, L1 keeps answering under outage stamps validated against the outbox: each lead is loaded from
/// Postgres about once (plus the written one again), every other read is an L1 hit. The controls run the same
/// scenario with the soft timeout switched off (reads wait the whole timeout) and with the outage stamps switched
/// off (every read loads). Latencies are printed (docs/operations.md, "Redis frozen under load").
/// </summary>
[Collection(RedisFaultCollection.Name)]
public sealed class RedisFrozenUnderLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Readers = 40;
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SoftTimeout = new Leads.Infrastructure.Caching.RedisResilienceOptions().SoftTimeout;
    private static readonly TimeSpan FreezeFor = TimeSpan.FromSeconds(3);

    private readonly RedisServerProcess _redis = new();
    private OwnRedisApiFactory? _factory;

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 disposes a test class through IAsyncLifetime or IDisposable only: the redis-server must not outlive the test.
    public async Task DisposeAsync()
    {
        _redis.Resume();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _redis.Dispose();
    }

    [Fact]
    public async Task Reads_never_wait_for_a_frozen_redis_longer_than_the_soft_timeout_and_none_is_stale_after_it_resumes()
    {
        var (run, frozen, byId) = await RunAsync(softTimeout: null, outage: true);
        var because = string.Join(", ", frozen.Select(c => $"{c.Key}={c.Value}"));

        frozen.GetValueOrDefault("timeout/brief").Should().Be(0, "a read gives up at the soft timeout, never at the hard one; " + because);
        var waited = frozen.GetValueOrDefault("soft-timeout/brief");
        var probes = (long)Math.Ceiling(FreezeFor / OperationTimeout) + 2;
        // A reader waits at most twice before Redis counts as stuck: its call in flight at the freeze, and its next one,
        // which finds that nothing answered for a soft timeout; after that only one probe at a time waits.
        waited.Should().BeInRange(1, (2 * Readers) + probes, "only the readers in flight when Redis froze and one probe at a time wait; " + because);
        frozen.GetValueOrDefault("stuck/brief").Should().BeGreaterThan(waited, "most reads are decided without waiting; " + because);
        run.Stale.Should().BeEmpty("every read started after the write was acknowledged returns it");

        // 60 leads, one of them written during the freeze: loaded once each in the outage epoch, the written one again.
        byId.Loads.Should().BeInRange(1, 2 * LeadsApiFactory.SeedLeads, "while Redis is frozen each lead is loaded about once, then answered from L1; " + byId);
        byId.L1Hits.Should().BeGreaterThan(5 * byId.WithoutRedis, "most reads during the freeze are answered from L1; " + byId);
    }

    [Fact]
    public async Task Control_without_the_soft_timeout_reads_wait_the_whole_timeout()
    {
        var (run, frozen, _) = await RunAsync(softTimeout: OperationTimeout, outage: true);

        frozen.GetValueOrDefault("timeout/brief").Should().BeGreaterThan(0, "without the soft bound reads queue behind the frozen connection");
        run.Stale.Should().BeEmpty();
    }

    [Fact]
    public async Task Control_without_outage_stamps_every_read_during_the_freeze_loads()
    {
        var (run, _, byId) = await RunAsync(softTimeout: null, outage: false);

        // L1 still answers until the instance stops trusting its generations (a fence interval after the freeze), then
        // every read runs its loader: the bound of the first test fails.
        byId.WithoutRedis.Should().BeGreaterThan(2 * LeadsApiFactory.SeedLeads, "every read runs its loader; " + byId);
        byId.L1Hits.Should().BeLessThan(5 * byId.WithoutRedis, "without outage stamps L1 answers nothing once Redis cannot be used; " + byId);
        run.Stale.Should().BeEmpty();
    }

    /// <summary>Runs the readers around the freeze; returns them, the Redis failures counted from the freeze to the resume and the lead-by-id lookups of that time.</summary>
    private async Task<(LoadRun Run, IReadOnlyDictionary<string, long> Frozen, Outcomes ById)> RunAsync(TimeSpan? softTimeout, bool outage)
    {
        _factory = new OwnRedisApiFactory(_redis.ConnectionString);
        _factory.Settings["Caching:Redis:OperationTimeout"] = OperationTimeout.ToString("c", CultureInfo.InvariantCulture);
        _factory.Settings["Caching:Redis:BreakDuration"] = "00:00:03";
        _factory.Settings["Caching:Redis:SoftTimeout"] = (softTimeout ?? SoftTimeout).ToString("c", CultureInfo.InvariantCulture);
        _factory.Settings["Caching:Outage:Enabled"] = outage ? "true" : "false";

        await _factory.InitializeAsync();
        var statistics = _factory.Services.GetRequiredService<CacheStatistics>();
        using var counts = new RedisFailureCounts(_factory.Services.GetRequiredService<IMeterFactory>());
        using var loads = new CacheLoadCounts(_factory.Services.GetRequiredService<IMeterFactory>(), CachePolicies.LeadById);
        var client = await _factory.CreateAdminClientAsync();
        var ids = await ApiProbe.LeadIdsAsync(client, LeadsApiFactory.SeedLeads);
        foreach (var id in ids)
        {
            (await client.GetAsync($"/api/leads/{id}")).EnsureSuccessStatusCode();
        }

        var run = new LoadRun();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, Readers).Select(r => Task.Run(() => ReadUntilStoppedAsync(client, ids, r, run, stop.Token))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1));

        counts.Reset();
        var before = Outcomes.Of(statistics, loads);
        _redis.Freeze();
        run.FrozenAt = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var target = await ApiProbe.ReadAsync<LeadDto>(await client.GetAsync($"/api/leads/{ids[0]}"));
        var written = await client.PatchAsJsonAsync($"/api/leads/{target.Id}/status", new { status = "Lost", version = target.Version });
        written.StatusCode.Should().Be(HttpStatusCode.OK, "a write while Redis is frozen is acknowledged (its invalidation deferred)");
        run.Acknowledge(target.Id, (await ApiProbe.ReadAsync<LeadDto>(written)).Version);
        await Task.Delay(FreezeFor - TimeSpan.FromMilliseconds(300));
        _redis.Resume();
        run.ResumedAt = Stopwatch.GetTimestamp();
        var frozen = counts.Snapshot();
        var byId = Outcomes.Of(statistics, loads) - before;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        output.WriteLine(run.Report());
        output.WriteLine("Redis failures during the freeze: " + string.Join(", ", frozen.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));
        output.WriteLine("Lead-by-id lookups during the freeze: " + byId);
        return (run, frozen, byId);
    }

    /// <summary>
    /// Lookups of the lead-by-id policy answered by L1, those answered without Redis by a load (their own or one
    /// they joined), and the loads of entries stored in L1 meanwhile (<c>leads.cache.loads</c>).
    /// </summary>
    private readonly record struct Outcomes(long L1Hits, long WithoutRedis, long Loads)
    {
        public static Outcomes Of(CacheStatistics statistics, CacheLoadCounts loads)
        {
            var counts = statistics.Snapshot().Single(c => c.Policy == CachePolicies.LeadById).Counts;
            return new Outcomes(counts[(int)CacheOutcome.HitL1], counts[(int)CacheOutcome.Unavailable], loads.Count);
        }

        public static Outcomes operator -(Outcomes after, Outcomes before) =>
            new(after.L1Hits - before.L1Hits, after.WithoutRedis - before.WithoutRedis, after.Loads - before.Loads);

        public override string ToString() => $"{L1Hits} answered from L1, {WithoutRedis} without Redis from {Loads} loads";
    }

    private static async Task ReadUntilStoppedAsync(HttpClient client, IReadOnlyList<Guid> ids, int reader, LoadRun run, CancellationToken stop)
    {
        var next = reader;
        while (!stop.IsCancellationRequested)
        {
            var id = next % 4 == 0 ? ids[0] : ids[next % ids.Count];
            next += Readers;
            var started = Stopwatch.GetTimestamp();
            var response = await client.GetAsync($"/api/leads/{id}", CancellationToken.None);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var lead = await ApiProbe.ReadAsync<LeadDto>(response);
            run.Record(started, Stopwatch.GetTimestamp(), lead);
        }
    }
}
