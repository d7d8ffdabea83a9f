using Leads.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Scale;

/// <summary>
/// Read-after-write across three API hosts on a 3-primary Redis Cluster: the invalidation channel is routed to
/// one node, so the pings that let an instance trust its memory pass the same node as every invalidation.
/// </summary>
[Trait(ScaleSuite.Trait, ScaleSuite.Name)]
public sealed class ClusterCrossInstanceTests(ClusterApiFactory factory, ITestOutputHelper output) : IClassFixture<ClusterApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public Task No_instance_on_the_cluster_answers_a_read_started_after_an_acknowledged_write_with_older_data() =>
        ThreeHostConsistency.AssertNoStaleReadsAsync(factory, output, "the cluster");
}
