using Leads.Infrastructure.Caching.Invalidation;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using Leads.IntegrationTests.Invalidation;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Scale;

/// <summary>
/// Read-after-write across three API hosts connected through Sentinel (the connection string names only the
/// sentinels): writers on one host, readers on the other two, no read started after an acknowledged write sees
/// older data.
/// </summary>
[Trait(ScaleSuite.Trait, ScaleSuite.Name)]
[Collection(SentinelCollection.Name)]
public sealed class SentinelCrossInstanceTests(SentinelApiFactory factory, ITestOutputHelper output) : IClassFixture<SentinelApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task No_instance_behind_Sentinel_answers_a_read_started_after_an_acknowledged_write_with_older_data()
    {
        var instanceB = new SecondInstanceApiFactory(factory);
        await using var disposeB = (IAsyncDisposable)instanceB;
        var instanceC = new SecondInstanceApiFactory(factory);
        await using var disposeC = (IAsyncDisposable)instanceC;
        foreach (var host in new LeadsApiFactory[] { factory, instanceB, instanceC })
        {
            var generations = host.Services.GetRequiredService<TagGenerations>();
            await Poll.UntilAsync(() => Task.FromResult(generations.TrustsLocal), TimeSpan.FromSeconds(20), "each instance's pings to come back through Sentinel");
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
