using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.Infrastructure;

/// <summary>Health checks of what the Infrastructure depends on, registered by the host without knowing how it is built.</summary>
public static class InfrastructureHealthChecks
{
    /// <summary>
    /// A readiness probe must answer while a dependency hangs, so every check gives up after this long and counts
    /// as unhealthy. A probe's own timeout should be longer (docs/operations.md).
    /// </summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Postgres (a connection and a trivial query), the schema (no pending migrations) and Redis (the shared
    /// multiplexer answers), tagged <paramref name="tags"/>.
    /// </summary>
    public static IHealthChecksBuilder AddInfrastructureChecks(this IHealthChecksBuilder builder, IConfiguration configuration, params string[] tags)
    {
        var postgres = PostgresConnectionString.From(configuration);
        return builder
            .AddNpgSql(postgres, name: "postgres", tags: tags, timeout: CheckTimeout)
            .AddCheck<MigrationsHealthCheck>("schema", tags: tags, timeout: CheckTimeout)
            .AddRedis(sp => sp.GetRequiredService<RedisConnection>().Multiplexer, name: "redis", tags: tags, timeout: CheckTimeout);
    }
}
