using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Scale;

/// <summary>The real API on its own database and a private Redis behind Sentinel (<see cref="RedisSentinel"/>), connected as deploy/ does: sentinels, service name, password.</summary>
public sealed class SentinelApiFactory : LeadsApiFactory
{
    private readonly RedisSentinel _sentinel = new();

    public override string RedisConnectionString => _sentinel.ConnectionString;

    public RedisSentinel Sentinel => _sentinel;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _sentinel.Dispose();
        }
    }
}
