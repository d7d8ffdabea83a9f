using System.Diagnostics;
using System.Net;
using Leads.Application.Caching;
using Leads.Domain.Leads;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Persistence.Outbox;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using Leads.IntegrationTests.Invalidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Scale;

/// <summary>
/// One primary of the 3-primary cluster restarted in place (SIGKILL, then started again on its port with its node
/// file: it rejoins with its slots, empty) while three API hosts serve the cross-instance checker's reads and
/// writes. Every request succeeds (what Redis cannot answer comes from Postgres, writes commit and keep their
/// invalidation in the outbox); once every node reports cluster_state:ok and the documented bound has passed, no
/// read started after an acknowledged write sees older data, every lead reads as Postgres has it on every host
/// without any flush, and a second checker run finds no stale read. The tag counters the node held are gone;
/// they come back at the time-based floor, above every value a host remembers, and each host notices the new
/// replication id, drops its L1 and applies the outbox's replay window again (ADR 0005). Reads before the bound
/// are counted, not failed: a write whose bumps cannot reach Redis (the node answers CLUSTERDOWN, then the writer's
/// circuit breaker stays open for its BreakDuration) is deferred and not published, and hosts that still trust their
/// memory serve the old value until the writer's retry lands (ADR 0004, "Gaps"). Prints what the restart cost, also
/// to artifacts/cluster-primary-restart.txt.
/// </summary>
[Trait(ScaleSuite.Trait, ScaleSuite.Name)]
public sealed class ClusterPrimaryRestartTests(ClusterApiFactory factory, ITestOutputHelper output) : IClassFixture<ClusterApiFactory>, IAsyncLifetime
{
    /// <summary>
    /// operations.md, "Invalidation after a crash or a Redis outage": once Redis answers again, no instance serves data
    /// a committed change made stale for more than 5 s. Here Redis answers again when every node reports cluster_state:ok.
    /// </summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_primary_restarted_during_reads_and_writes_fails_no_request_and_leaves_no_stale_read_after_the_bound()
    {
        var instanceB = new SecondInstanceApiFactory(factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        var instanceC = new SecondInstanceApiFactory(factory);
        await using var disposeC = (IAsyncDisposable)instanceC;
        var hosts = new LeadsApiFactory[] { factory, instanceB, instanceC };
        await TrustEverywhereAsync(hosts);

        var (port, why) = await PrimaryToRestartAsync();
        var appliedBefore = await OutboxRows.AppliedCountAsync(factory);
        factory.Queries.Reset();
        var run = new ConsistencyChecker(factory, [instanceB, instanceC]).RunAsync(TimeSpan.FromSeconds(15), 20, TimeSpan.FromSeconds(60), 10);

        // Restart once writes have bumped counters on the cluster (their outbox rows are marked applied): the node
        // loses bumps that landed, which only the replay window puts back.
        await Poll.UntilAsync(async () => await OutboxRows.AppliedCountAsync(factory) >= appliedBefore + (4 * ConsistencyChecker.HotLeads), Timeout, "the checker's first writes to land");
        var started = Stopwatch.GetTimestamp();
        var replaying = hosts.Select(host => ReplayedAsync(host, started)).ToArray();
        using var runDone = new CancellationTokenSource();
        var circuit = CircuitOpenAsync(factory, started, runDone.Token);
        await Task.Run(() => factory.Cluster.RestartPrimary(port, Timeout));
        var ok = Stopwatch.GetTimestamp();
        var restarted = Stopwatch.GetElapsedTime(started);
        run.IsCompleted.Should().BeFalse("the restart must happen while the checker reads and writes");
        var report = await run;
        var ended = Stopwatch.GetTimestamp();
        await runDone.CancelAsync();
        var (opened, closed) = await circuit;
        var replayed = await Task.WhenAll(replaying);
        await Poll.UntilAsync(async () => await OutboxRows.CountAsync(factory) == 0, Timeout, "the outbox to be relayed");
        var drained = Stopwatch.GetElapsedTime(started);

        var boundPassed = ok + (long)(RecoveryBound.TotalSeconds * Stopwatch.Frequency);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), boundPassed);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        // The checker's reads that started after the bound must all be current; and without any flush, nothing the
        // restart made stale may be left in any host's caches.
        var staleAfterBound = report.StaleReads.Where(s => s.StartedAt > boundPassed).ToArray();
        var disagreements = await PostgresAgreement.DisagreementsAsync(factory, hosts, 2);

        await TrustEverywhereAsync(hosts);
        var after = await new ConsistencyChecker(factory, [instanceB, instanceC]).RunAsync(TimeSpan.FromSeconds(5), 15, TimeSpan.FromSeconds(25), 12);

        var staleSpan = report.StaleReads.Count == 0 ? string.Empty
            : $" (started {Stopwatch.GetElapsedTime(ok, report.StaleReads.Min(r => r.StartedAt)).TotalMilliseconds:F0} to {Stopwatch.GetElapsedTime(ok, report.StaleReads.Max(r => r.StartedAt)).TotalMilliseconds:F0} ms after cluster_state:ok; "
                + string.Join(", ", report.StaleReads.GroupBy(r => r.Source).Select(g => $"{g.Count()} {g.Key}")) + ")";
        var measured = $"restarted 127.0.0.1:{port} ({why}): every node cluster_state:ok after {restarted.TotalMilliseconds:F0} ms; "
            + (opened is null ? "the writing host's circuit breaker never opened; " : $"the writing host's circuit breaker open from {opened:F0} to {closed:F0} ms; ")
            + "replay window applied again after "
            + string.Join(" / ", replayed.Select(r => $"{r.TotalMilliseconds:F0} ms")) + $"; nothing pending in the outbox after {drained.TotalMilliseconds:F0} ms; "
            + $"{factory.Queries.Count} SQL commands; the run went on {Stopwatch.GetElapsedTime(boundPassed, ended).TotalMilliseconds:F0} ms past the bound "
            + $"({RecoveryBound.TotalSeconds:F0} s after cluster_state:ok); {report.StaleReads.Count} stale reads in it{staleSpan}, {staleAfterBound.Length} started after the bound; "
            + $"{disagreements.Count} of {2 * hosts.Length * LeadsApiFactory.SeedLeads} lead reads afterwards disagreeing with Postgres (no flush)";
        output.WriteLine(report.ToString());
        output.WriteLine(measured);
        output.WriteLine("after recovery: " + after);
        var details = report.StaleReads.Take(20).Select(s => $"{s} (started {Stopwatch.GetElapsedTime(started, s.StartedAt).TotalMilliseconds:F0} ms after the kill)")
            .Concat(disagreements.Take(20)).ToArray();
        foreach (var line in details)
        {
            output.WriteLine(line);
        }

        // Also in a file, since a passing test's output is not shown by the default console logger.
        Directory.CreateDirectory(Path.Combine(Deployment.DeploymentFiles.RepositoryRoot, "artifacts"));
        await File.WriteAllLinesAsync(Path.Combine(Deployment.DeploymentFiles.RepositoryRoot, "artifacts", "cluster-primary-restart.txt"), [report.ToString(), measured, "after recovery: " + after, .. details]);

        report.FailedReads.Should().Be(0, "a read Redis cannot answer is served from Postgres");
        report.FailedWrites.Should().Be(0, "a write commits in Postgres; its invalidation is retried and kept in the outbox");
        report.ReadsAfterAnAcknowledgedWrite.Should().BeGreaterThan(100);
        staleAfterBound.Should().BeEmpty("no read may see older data once the bound after cluster_state:ok has passed");
        disagreements.Should().BeEmpty("the counters the node lost come back higher and every host replayed the window");

        after.FailedWrites.Should().Be(0);
        after.FailedReads.Should().Be(0);
        after.Writes.Should().BeGreaterThanOrEqualTo(15 * ConsistencyChecker.HotLeads);
        after.ReadsAfterAnAcknowledgedWrite.Should().BeGreaterThan(100);
        after.StaleReads.Should().BeEmpty();
    }

    /// <summary>
    /// The primary holding the tag counter of one of the checker's hot leads (what its reads by id are stamped with and
    /// every write to it bumps), and not the primary the invalidation channel is routed to. Restarting the channel's
    /// node drops every host's subscription, and a host drops its L1 and remembered generations when that comes back
    /// anyway; restarting another one keeps every host subscribed, pinging and trusting the generations it remembers
    /// while the counters those describe are lost: only the counters' time-based floor and the primary watch's replay
    /// keep that from serving old entries. If all three hot leads' counters share the channel's node (1 in 27), that
    /// node is restarted, and the output says so.
    /// </summary>
    private async Task<(int Port, string Why)> PrimaryToRestartAsync()
    {
        var multiplexer = factory.Services.GetRequiredService<RedisConnection>().Multiplexer;
        var generations = factory.Services.GetRequiredService<TagGenerations>();
        var channelPort = PortOf(multiplexer, factory.KeyPrefix + ":invalidation");

        // The checker's hot leads (ConsistencyChecker.RunAsync picks them the same way).
        var hot = await factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamA && l.Status != LeadStatus.Won)
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Take(ConsistencyChecker.HotLeads)
            .Select(l => l.Id)
            .ToListAsync());
        var counters = hot.Select(id => (Id: id, Port: PortOf(multiplexer, generations.TagKey(CacheTags.Lead(id))))).ToArray();
        var chosen = counters.Where(c => c.Port != channelPort).DefaultIfEmpty(counters[0]).First();
        var role = chosen.Port == channelPort ? "also the invalidation channel's node" : $"the invalidation channel is on {channelPort}";
        return (chosen.Port, $"holds the tag counter of hot lead {chosen.Id}; {role}");
    }

    private static int PortOf(IConnectionMultiplexer multiplexer, RedisKey key) => ((IPEndPoint)multiplexer.GetServer(key).EndPoint).Port;

    private static async Task TrustEverywhereAsync(IEnumerable<LeadsApiFactory> hosts)
    {
        foreach (var host in hosts)
        {
            var generations = host.Services.GetRequiredService<TagGenerations>();
            await Poll.UntilAsync(() => generations.TrustsLocal, Timeout, "each instance's pings to come back through the cluster");
        }
    }

    /// <summary>When, in ms from <paramref name="started"/>, <paramref name="host"/>'s Redis circuit breaker was first and last seen open (sampled every 10 ms).</summary>
    private static async Task<(double? Opened, double? Closed)> CircuitOpenAsync(LeadsApiFactory host, long started, CancellationToken stop)
    {
        var guard = host.Services.GetRequiredService<RedisGuard>();
        double? opened = null, closed = null;
        while (!stop.IsCancellationRequested)
        {
            if (guard.CircuitState is Polly.CircuitBreaker.CircuitState.Open or Polly.CircuitBreaker.CircuitState.Isolated)
            {
                closed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                opened ??= closed;
            }

            await Task.Delay(10, CancellationToken.None);
        }

        return (opened, closed);
    }

    /// <summary>The time from the restart until <paramref name="host"/> has noticed the restarted primary's new replication id and applied the replay window again.</summary>
    private static async Task<TimeSpan> ReplayedAsync(LeadsApiFactory host, long started)
    {
        var relay = host.Services.GetRequiredService<InvalidationOutboxRelay>();
        var before = relay.Replays;
        await Poll.UntilAsync(() => relay.Replays > before && !relay.ReplayPending, Timeout, "the host to notice the restarted primary and replay the outbox window");
        return Stopwatch.GetElapsedTime(started);
    }
}
