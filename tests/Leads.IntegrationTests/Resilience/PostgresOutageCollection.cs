namespace Leads.IntegrationTests.Resilience;

/// <summary>
/// Outage tests bound how long a failing request takes, so they run alone (after the parallel collections, one at a
/// time) on one private Postgres cluster that they stop and start.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresOutageCollection : ICollectionFixture<PostgresOutageFixture>
{
    public const string Name = "postgres-outage";
}
