using Leads.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// The checker against the real configuration, and against a host without invalidation to show that it finds
/// stale reads when there are some (a check that cannot fail proves nothing).
/// </summary>
public sealed class ConsistencyCheckerTests(LeadsApiFactory factory, NoInvalidationApiFactory withoutInvalidation, ITestOutputHelper output)
    : ApiTestBase(factory), IClassFixture<NoInvalidationApiFactory>
{
    private const int Readers = 12;
    private const int WritesPerLead = 15;

    [Fact]
    public async Task No_read_started_after_an_acknowledged_write_sees_an_older_version_under_concurrent_load()
    {
        var report = await new ConsistencyChecker(Factory).RunAsync(TimeSpan.FromSeconds(4), WritesPerLead, TimeSpan.FromSeconds(20), Readers);
        output.WriteLine(report.ToString());
        foreach (var stale in report.StaleReads.Take(10))
        {
            output.WriteLine(stale.ToString());
        }

        report.FailedWrites.Should().Be(0);
        report.FailedReads.Should().Be(0);
        report.Writes.Should().BeGreaterThanOrEqualTo(WritesPerLead * ConsistencyChecker.HotLeads, "the check needs writes to race with");
        report.ReadsAfterAnAcknowledgedWrite.Should().BeGreaterThan(100, "the check needs reads that race with writes");
        report.StaleReads.Should().BeEmpty();
    }

    [Fact]
    public async Task The_checker_detects_stale_reads_when_invalidation_is_switched_off()
    {
        await withoutInvalidation.ResetAsync();

        var report = await new ConsistencyChecker(withoutInvalidation).RunAsync(TimeSpan.FromSeconds(2), 5, TimeSpan.FromSeconds(15), Readers);
        output.WriteLine(report.ToString());
        foreach (var source in report.StaleReads.GroupBy(s => s.Source))
        {
            output.WriteLine($"{source.Count()} stale from {source.Key}, e.g. {source.First()}");
        }

        report.FailedWrites.Should().Be(0);
        report.Writes.Should().BeGreaterThan(0);
        report.StaleReads.Should().NotBeEmpty("without invalidation the warmed entries keep answering with old versions");

        // Every cached read is caught. A write's own answer is not among them: it is built from the lead the write
        // saved, not read through the cache, so switching invalidation off cannot make it stale (the passing test
        // still checks that every answer shows its write).
        report.StaleReads.Should().Contain(s => s.Source == "by id")
            .And.Contain(s => s.Source == "list")
            .And.Contain(s => s.Source == "status list")
            .And.Contain(s => s.Source == "summary")
            .And.Contain(s => s.Source == "category list");
    }
}
