using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// Read-after-write across instances (ADR 0004): three API hosts on one Postgres and one Redis, writers on the
/// shared host, readers on the others. No read that starts after a write's response may show older data on any
/// instance, including one that hears nothing from the invalidation channel; and the check is shown to find
/// stale reads when that instance trusts its memory regardless.
/// </summary>
public sealed class CrossInstanceConsistencyTests(LeadsApiFactory factory, ITestOutputHelper output) : ApiTestBase(factory)
{
    private const int Readers = 12;
    private const int WritesPerLead = 15;
    private static readonly TimeSpan FenceAfter = new CoherenceOptions().FenceAfter;

    [Fact]
    public async Task No_instance_answers_a_read_started_after_a_write_on_another_instance_was_acknowledged_with_older_data()
    {
        var instanceB = new SecondInstanceApiFactory(Factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        var instanceC = new SecondInstanceApiFactory(Factory);
        await using var disposeC = (IAsyncDisposable)instanceC;
        await ReadyAsync(Factory, instanceB, instanceC);

        using var waits = new AcknowledgementWaits(Factory);
        var report = await new ConsistencyChecker(Factory, [instanceB, instanceC]).RunAsync(TimeSpan.FromSeconds(5), WritesPerLead, TimeSpan.FromSeconds(25), Readers);

        Print(report);
        output.WriteLine(waits.Describe());
        ShouldBeConsistent(report);
    }

    [Fact]
    public async Task An_instance_that_hears_nothing_on_the_channel_fences_itself_and_answers_no_read_with_older_data()
    {
        var instanceB = new SecondInstanceApiFactory(Factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        var deaf = new DeafInstanceApiFactory(Factory);
        await using var disposeDeaf = (IAsyncDisposable)deaf;
        await ReadyAsync(Factory, instanceB);
        _ = deaf.Services;
        await AnnouncedAsync(Factory, 3);

        var report = await new ConsistencyChecker(Factory, [instanceB, deaf]).RunAsync(TimeSpan.FromSeconds(4), WritesPerLead, TimeSpan.FromSeconds(25), Readers);

        Print(report);
        ShouldBeConsistent(report);
        deaf.Services.GetRequiredService<TagGenerations>().TrustsLocal.Should().BeFalse("its own pings never come back");
        report.WriteQuantile(0.5).Should().BeGreaterThanOrEqualTo(FenceAfter.TotalMilliseconds, "every write waits out the bound for the instance that never acknowledges");
    }

    [Fact]
    public async Task The_cross_instance_check_finds_stale_reads_on_a_deaf_instance_that_trusts_its_memory()
    {
        var deaf = new DeafInstanceApiFactory(Factory);
        await using var disposeDeaf = (IAsyncDisposable)deaf;
        deaf.Settings["Caching:Coherence:Enabled"] = "false";

        var report = await new ConsistencyChecker(Factory, [deaf]).RunAsync(TimeSpan.FromSeconds(2), 5, TimeSpan.FromSeconds(15), Readers);

        Print(report);
        report.FailedWrites.Should().Be(0);
        report.StaleReads.Should().Contain(s => s.Source == "by id").And.Contain(s => s.Source == "list");
    }

    [Fact]
    public async Task The_first_read_on_every_other_instance_after_a_write_was_acknowledged_shows_the_write()
    {
        var instanceB = new SecondInstanceApiFactory(Factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        var instanceC = new SecondInstanceApiFactory(Factory);
        await using var disposeC = (IAsyncDisposable)instanceC;
        await ReadyAsync(Factory, instanceB, instanceC);
        using var writer = await Factory.CreateSalesAClientAsync();
        using var readerB = await instanceB.CreateSalesAClientAsync();
        using var readerC = await instanceC.CreateSalesAClientAsync();
        var lead = await Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());
        var url = $"/api/leads/{lead.Id}";
        var writes = new List<double>();
        var visible = new List<double>();
        using var waits = new AcknowledgementWaits(Factory);

        for (var i = 1; i <= 60; i++)
        {
            // Both readers hold the current version in L1, so a stale answer would come from there.
            (await readerB.WarmAsync(url)).As<LeadDto>().Version.Should().Be(lead.Version + i - 1);
            (await readerC.WarmAsync(url)).As<LeadDto>().Version.Should().Be(lead.Version + i - 1);

            var sent = Stopwatch.GetTimestamp();
            using (var response = await writer.PutAsJsonAsync(url, LeadRequests.Update(lead, lead.Version + i - 1) with { Notes = $"visible {i}" }, CachedRead.Json))
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK);
            }

            var acknowledged = Stopwatch.GetTimestamp();
            writes.Add(Stopwatch.GetElapsedTime(sent, acknowledged).TotalMilliseconds);
            foreach (var reader in new[] { readerB, readerC })
            {
                var read = await reader.ReadAsync(url);
                visible.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                read.As<LeadDto>().Notes.Should().Be($"visible {i}", "the write was acknowledged before this read started");
            }
        }

        // The first read after the acknowledgement shows the write, so it is visible everywhere as soon as the
        // writer has its answer; the figures say how long that takes from the write's request.
        output.WriteLine($"write p50 {Quantile(writes, 0.5):F1} ms, p99 {Quantile(writes, 0.99):F1} ms; visible on the other instances (from the write's request) p50 {Quantile(visible, 0.5):F1} ms, p95 {Quantile(visible, 0.95):F1} ms");
        output.WriteLine(waits.Describe());
    }

    private static double Quantile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Every host listens on the channel, has announced itself and trusts its memory (its pings come back).</summary>
    private static async Task ReadyAsync(params LeadsApiFactory[] hosts)
    {
        foreach (var host in hosts)
        {
            _ = host.Services;
        }

        await InvalidationChannel.WaitForSubscribersAsync(hosts[0], hosts.Length);
        foreach (var host in hosts)
        {
            var generations = host.Services.GetRequiredService<TagGenerations>();
            await Poll.UntilAsync(() => Task.FromResult(generations.TrustsLocal), TimeSpan.FromSeconds(10), "each instance to confirm a round trip through the channel");
        }
    }

    /// <summary>Waits until <paramref name="count"/> instances have announced themselves in the live-instance set.</summary>
    private static async Task AnnouncedAsync(LeadsApiFactory host, int count)
    {
        var instances = host.Services.GetRequiredService<LiveInstances>();
        await Poll.UntilAsync(async () => (await instances.OthersAsync(CancellationToken.None))?.Count == count - 1, TimeSpan.FromSeconds(10), "every instance to announce itself");
    }

    private void Print(ConsistencyReport report)
    {
        output.WriteLine(report.ToString());
        foreach (var stale in report.StaleReads.Take(10))
        {
            output.WriteLine(stale.ToString());
        }
    }

    private static void ShouldBeConsistent(ConsistencyReport report)
    {
        report.FailedWrites.Should().Be(0);
        report.FailedReads.Should().Be(0);
        report.Writes.Should().BeGreaterThanOrEqualTo(WritesPerLead * ConsistencyChecker.HotLeads, "the check needs writes to race with");
        report.ReadsAfterAnAcknowledgedWrite.Should().BeGreaterThan(100, "the check needs reads that race with writes");
        report.StaleReads.Should().BeEmpty();
    }
}
