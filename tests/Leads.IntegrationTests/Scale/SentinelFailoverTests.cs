using System.Diagnostics;
using System.Net;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Persistence.Outbox;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using Leads.IntegrationTests.Invalidation;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Scale;

/// <summary>
/// A Sentinel failover (SENTINEL FAILOVER: the replica is promoted, the old primary becomes its replica) while
/// two API hosts serve the cross-instance checker's reads and writes. Every read succeeds (what Redis cannot
/// answer comes from Postgres), no read started after an acknowledged write sees older data, both hosts follow
/// the new primary by themselves. Bumps the old primary took after the promotion are lost with its data; each host
/// notices that the primary it writes to changed and applies the outbox's replay window again (ADR 0005), so once
/// both have, every lead reads as Postgres has it on both hosts, without any flush. The test prints what the
/// failover cost ("Redis with Sentinel").
/// </summary>
[Trait(ScaleSuite.Trait, ScaleSuite.Name)]
[Collection(SentinelCollection.Name)]
public sealed class SentinelFailoverTests(SentinelApiFactory factory, ITestOutputHelper output) : IClassFixture<SentinelApiFactory>, IAsyncLifetime
{
    private static readonly TimeSpan FailoverTimeout = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_failover_during_reads_and_writes_fails_no_read_and_leaves_no_stale_read()
    {
        var instanceB = new SecondInstanceApiFactory(factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        var hosts = new LeadsApiFactory[] { factory, instanceB };
        foreach (var host in hosts)
        {
            var generations = host.Services.GetRequiredService<TagGenerations>();
            await Poll.UntilAsync(() => generations.TrustsLocal, TimeSpan.FromSeconds(20), "each instance's pings to come back through Sentinel");
        }

        var oldPrimary = factory.Sentinel.PrimaryPort;
        var newPrimary = factory.Sentinel.ReplicaPort;
        factory.Queries.Reset();
        var run = new ConsistencyChecker(factory, [instanceB]).RunAsync(TimeSpan.FromSeconds(10), 20, TimeSpan.FromSeconds(45), 8);

        // Once the checker is under way (it warms every reader first), fail over in the middle of its run.
        await Poll.UntilAsync(() => factory.Queries.Count > 0, TimeSpan.FromSeconds(30), "the checker to start");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var started = Stopwatch.GetTimestamp();
        var recovering = hosts.Select(host => RecoveredAsync(host, newPrimary, started)).ToArray();
        var replaying = hosts.Select(host => ReplayedAsync(host, started)).ToArray();
        var promoted = await Task.Run(() => factory.Sentinel.Failover(FailoverTimeout));
        run.IsCompleted.Should().BeFalse("the failover must happen while the checker reads and writes");
        await Task.Run(() => factory.Sentinel.WaitUntilSettled(newPrimary, FailoverTimeout));
        var settled = Stopwatch.GetElapsedTime(started);
        var recovered = await Task.WhenAll(recovering);
        var report = await run;
        var replayed = await Task.WhenAll(replaying);

        await Poll.UntilAsync(async () => await OutboxRows.CountAsync(factory) == 0, FailoverTimeout, "the outbox to be relayed");
        var drained = Stopwatch.GetElapsedTime(started);

        // The bumps the old primary took after the promotion (until the hosts switched) are lost with its data; the
        // replays put them back, so no entry stamped before those writes can read as current again.
        var staleAfterRecovery = (await PostgresAgreement.DisagreementsAsync(factory, hosts, 1)).Count;

        var measured = $"failover 127.0.0.1:{oldPrimary} -> 127.0.0.1:{factory.Sentinel.PrimaryPort}: promoted after {promoted.TotalMilliseconds:F0} ms, "
            + $"sentinels and replica settled after {settled.TotalMilliseconds:F0} ms; hosts writing to the new primary and trusting their memory again after "
            + string.Join(" / ", recovered.Select(r => $"{r.TotalMilliseconds:F0} ms")) + "; replay window applied again after "
            + string.Join(" / ", replayed.Select(r => $"{r.TotalMilliseconds:F0} ms")) + $"; nothing pending in the outbox after {drained.TotalMilliseconds:F0} ms; {factory.Queries.Count} SQL commands during the run; "
            + $"{staleAfterRecovery} of {hosts.Length * LeadsApiFactory.SeedLeads} lead reads after recovery stale (no flush)";
        output.WriteLine(report.ToString());
        output.WriteLine(measured);

        // Also in a file, since a passing test's output is not shown by the default console logger.
        Directory.CreateDirectory(Path.Combine(Deployment.DeploymentFiles.RepositoryRoot, "artifacts"));
        await File.WriteAllLinesAsync(Path.Combine(Deployment.DeploymentFiles.RepositoryRoot, "artifacts", "sentinel-failover.txt"), [report.ToString(), measured]);
        foreach (var stale in report.StaleReads.Take(10))
        {
            output.WriteLine(stale.ToString());
        }

        factory.Sentinel.PrimaryPort.Should().NotBe(oldPrimary);
        report.FailedReads.Should().Be(0, "a read Redis cannot answer is served from Postgres");
        report.FailedWrites.Should().Be(0, "a write commits in Postgres; its invalidation is retried and kept in the outbox");
        report.ReadsAfterAnAcknowledgedWrite.Should().BeGreaterThan(100);
        report.StaleReads.Should().BeEmpty();

        // No flush: every host replayed the window on its own switch.
        staleAfterRecovery.Should().Be(0, "the bumps the old primary lost were applied again by every host's replay");
        (await PostgresAgreement.DisagreementsAsync(factory, hosts, 2)).Should().BeEmpty("every lead reads as Postgres has it after the failover");
    }

    /// <summary>The time from the failover command until <paramref name="host"/> has applied the outbox's replay window again after its switch.</summary>
    private static async Task<TimeSpan> ReplayedAsync(LeadsApiFactory host, long started)
    {
        var relay = host.Services.GetRequiredService<InvalidationOutboxRelay>();
        var before = relay.Replays;
        await Poll.UntilAsync(() => relay.Replays > before && !relay.ReplayPending, FailoverTimeout, "the host to notice its new primary and replay the outbox window");
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// The time from the failover command until <paramref name="host"/> knows 127.0.0.1:<paramref name="newPrimary"/>
    /// as its primary, stores there and trusts its remembered generations again.
    /// </summary>
    private static async Task<TimeSpan> RecoveredAsync(LeadsApiFactory host, int newPrimary, long started)
    {
        var redis = host.Services.GetRequiredService<RedisConnection>();
        var generations = host.Services.GetRequiredService<TagGenerations>();
        await Poll.UntilAsync(
            async () =>
            {
                var primary = redis.Multiplexer.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica);
                if (primary?.EndPoint is not IPEndPoint { Port: var port } || port != newPrimary)
                {
                    return false;
                }

                try
                {
                    return await redis.Database.StringSetAsync(host.KeyPrefix + ":failover-probe", "1", TimeSpan.FromSeconds(30)) && generations.TrustsLocal;
                }
                catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
                {
                    return false;
                }
            },
            FailoverTimeout,
            "the host to write to the new primary and trust its memory again");
        return Stopwatch.GetElapsedTime(started);
    }
}
