using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Leads.Infrastructure.Persistence;

/// <summary>
/// Unhealthy while the database schema is behind the migrations this build carries: the code would query columns
/// and tables that do not exist yet, so the instance must not take traffic until the migrations are applied.
/// </summary>
internal sealed class MigrationsHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadsDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
        return pending.Length == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending.Length} migration(s) not applied: {string.Join(", ", pending)}");
    }
}
