using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Dashboard;

/// <summary>
/// The /metrics checks run alone (after the parallel collections) on a host of their own. An OpenTelemetry meter
/// provider listens to every meter of a name in the process, so in a test process it also takes in the same-named
/// instruments of the other test hosts; when one of those hosts is disposed, its instruments complete and the
/// provider drops the streams they shared, and the names vanish from this host's scrape. One API per process (as in
/// production) never meets this; a test running while other hosts come and go does, at random.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MonitoringCollection : ICollectionFixture<LeadsApiFactory>
{
    public const string Name = "monitoring";
}
