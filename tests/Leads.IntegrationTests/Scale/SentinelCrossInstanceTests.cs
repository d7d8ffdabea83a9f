using Leads.IntegrationTests.Infrastructure;
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
    public Task No_instance_behind_Sentinel_answers_a_read_started_after_an_acknowledged_write_with_older_data() =>
        ThreeHostConsistency.AssertNoStaleReadsAsync(factory, output, "Sentinel");
}
