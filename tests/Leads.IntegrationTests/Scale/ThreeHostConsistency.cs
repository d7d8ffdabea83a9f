using Leads.Infrastructure.Caching.Invalidation;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using Leads.IntegrationTests.Invalidation;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Scale;

/// <summary>
/// The cross-instance checker on three hosts sharing one Redis topology: writers on <c>factory</c>'s host, readers
/// on two more started like it; no read started after an acknowledged write may see older data.
/// </summary>
public static class ThreeHostConsistency
{
    public static async Task AssertNoStaleReadsAsync(LeadsApiFactory factory, ITestOutputHelper output, string through)
    {
        var instanceB = new SecondInstanceApiFactory(factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        var instanceC = new SecondInstanceApiFactory(factory);
        await using var disposeC = (IAsyncDisposable)instanceC;
        foreach (var host in new LeadsApiFactory[] { factory, instanceB, instanceC })
        {
            var generations = host.Services.GetRequiredService<TagGenerations>();
            await Poll.UntilAsync(() => Task.FromResult(generations.TrustsLocal), TimeSpan.FromSeconds(20), $"each instance's pings to come back through {through}");
        }

        var report = await new ConsistencyChecker(factory, [instanceB, instanceC]).RunAsync(TimeSpan.FromSeconds(5), 15, TimeSpan.FromSeconds(25), 12);

        output.WriteLine(report.ToString());
        foreach (var stale in report.StaleReads.Take(10))
        {
            output.WriteLine(stale.ToString());
        }

        report.FailedWrites.Should().Be(0);
        report.FailedReads.Should().Be(0);
        report.Writes.Should().BeGreaterThanOrEqualTo(15 * ConsistencyChecker.HotLeads);
        report.ReadsAfterAnAcknowledgedWrite.Should().BeGreaterThan(100);
        report.StaleReads.Should().BeEmpty();
    }
}
