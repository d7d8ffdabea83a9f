using Leads.Application.Admin.Models;
using Leads.Application.Caching;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Admin.Queries.GetCacheTimeline;

public sealed class GetCacheTimelineQueryHandler(ICacheTimeline timeline, ICurrentUser currentUser) : IQueryHandler<GetCacheTimelineQuery, CacheTimelineDto>
{
    public ValueTask<CacheTimelineDto> Handle(GetCacheTimelineQuery query, CancellationToken cancellationToken)
    {
        currentUser.RequireAdmin();
        return ValueTask.FromResult(timeline.Read(query.HotKeys));
    }
}
