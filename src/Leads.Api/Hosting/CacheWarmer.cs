using Leads.Api.Security;
using Leads.Application.Categories.Queries.GetCategories;
using Leads.Application.Common.Interfaces;
using Leads.Application.Leads.Queries.GetLeads;
using Leads.Application.Leads.Queries.GetLeadsSummary;
using Leads.Application.Security;
using Leads.Application.StaticConfig.Queries.GetStaticConfig;
using Leads.Domain.Users;
using Mediator;

namespace Leads.Api.Hosting;

/// <summary>
/// Cache warming: right after start-up, loads the answers every client asks for first (static config,
/// categories, and the summary and first page of leads for the admin scope and for each single-team scope),
/// so the first users after a deploy do not all miss at once. Runs through the normal pipeline, so the
/// entries are exactly what a request would have stored. Failures are logged and ignored.
/// </summary>
public sealed partial class CacheWarmer(IServiceScopeFactory scopes, IConfiguration configuration, CacheWarmupStatus status, ILogger<CacheWarmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Caching:Warmup:Enabled", true))
        {
            status.Complete(0);
            return;
        }

        var warmed = 0;
        try
        {
            IReadOnlyList<Guid> teams;
            await using (var scope = scopes.CreateAsyncScope())
            {
                teams = await scope.ServiceProvider.GetRequiredService<ITeamDirectory>().ListIdsAsync(stoppingToken);
            }

            warmed = await WarmAsync(new UserAccess(Guid.Empty, "cache-warmer", UserRole.Admin, true, []), includeShared: true, stoppingToken);
            foreach (var team in teams)
            {
                warmed += await WarmAsync(new UserAccess(Guid.Empty, "cache-warmer", UserRole.Member, true, [team]), includeShared: false, stoppingToken);
            }

            LogWarmed(warmed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex.Message);
        }
        finally
        {
            status.Complete(warmed);
        }
    }

    private async Task<int> WarmAsync(UserAccess access, bool includeShared, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().Access = access;
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var count = 0;
        if (includeShared)
        {
            await mediator.Send(new GetStaticConfigQuery(), cancellationToken);
            await mediator.Send(new GetCategoriesQuery(), cancellationToken);
            count += 2;
        }

        await mediator.Send(new GetLeadsSummaryQuery(), cancellationToken);
        await mediator.Send(new GetLeadsQuery(), cancellationToken);
        return count + 2;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cache warm-up stored {Count} answers")]
    private partial void LogWarmed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache warm-up failed: {Reason}")]
    private partial void LogFailed(string reason);
}
