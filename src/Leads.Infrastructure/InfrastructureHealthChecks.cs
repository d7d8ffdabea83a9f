using Leads.Infrastructure.Caching.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.Infrastructure;

/// <summary>Health checks of what the Infrastructure depends on, registered by the host without knowing how it is built.</summary>
public static class InfrastructureHealthChecks
{
    /// <summary>Postgres (a connection and a trivial query) and Redis (the shared multiplexer answers), tagged <paramref name="tags"/>.</summary>
    public static IHealthChecksBuilder AddInfrastructureChecks(this IHealthChecksBuilder builder, IConfiguration configuration, params string[] tags)
    {
        var postgres = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");
        return builder
            .AddNpgSql(postgres, name: "postgres", tags: tags)
            .AddRedis(sp => sp.GetRequiredService<RedisConnection>().Multiplexer, name: "redis", tags: tags);
    }
}
