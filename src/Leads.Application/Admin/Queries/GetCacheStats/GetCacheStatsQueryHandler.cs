using Leads.Application.Admin.Models;
using Leads.Application.Caching;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Admin.Queries.GetCacheStats;

public sealed class GetCacheStatsQueryHandler(ICacheMonitor monitor, ICurrentUser currentUser) : IQueryHandler<GetCacheStatsQuery, CacheStatsDto>
{
    public async ValueTask<CacheStatsDto> Handle(GetCacheStatsQuery query, CancellationToken cancellationToken)
    {
        currentUser.RequireAdmin();
        return await monitor.GetStatsAsync(query.HotKeys, cancellationToken);
    }
}
