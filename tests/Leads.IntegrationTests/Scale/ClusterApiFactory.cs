using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Scale;

/// <summary>The real API on its own database and a private 3-primary Redis Cluster (<see cref="RedisCluster"/>).</summary>
public sealed class ClusterApiFactory : LeadsApiFactory
{
    private readonly RedisCluster _cluster = new();

    public override string RedisConnectionString => _cluster.ConnectionString;

    public RedisCluster Cluster => _cluster;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _cluster.Dispose();
        }
    }
}
