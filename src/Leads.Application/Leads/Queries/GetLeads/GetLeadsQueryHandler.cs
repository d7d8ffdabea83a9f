using Leads.Application.Caching;
using Leads.Application.Common.Interfaces;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Leads.Queries.GetLeads;

/// <summary>
/// A list page in two cached steps: the page's ids and total (service level, policy LeadsList), then the bodies
/// in one batch from the per-lead entries (database level, policy LeadRecord; one SQL query for what is missing).
/// The assembled page is handed to the HTTP layer as bytes with its last change time.
/// </summary>
public sealed class GetLeadsQueryHandler(ILeadReadRepository leads, ICurrentUser currentUser, CachedCall cachedCall, ICachedPayloadSink payloads, IClock clock, IHotQueries hotQueries)
    : IQueryHandler<GetLeadsQuery, PagedResult<LeadDto>>
{
    public async ValueTask<PagedResult<LeadDto>> Handle(GetLeadsQuery query, CancellationToken cancellationToken)
    {
        var scope = currentUser.RequireAccess().Scope;
        var filter = query.Filter;
        var policy = cachedCall.Policy(query.CachePolicy);
        var page = await cachedCall.RunAsync(
            policy,
            scope.PartitionKey,
            query.CacheKey,
            policy.Enabled ? query.GetCacheTags(scope) : [],
            async ct =>
            {
                var total = await leads.CountAsync(filter, scope, ct);
                var skip = (query.Page - 1) * query.PageSize;
                var ids = skip >= total ? [] : await leads.ListIdsAsync(filter, scope, query.EffectiveSort, skip, query.PageSize, ct);
                return new LeadIdPage(ids, total);
            },
            cancellationToken);
        if (policy.Enabled)
        {
            hotQueries.Offer(policy, scope.PartitionKey, query.CacheKey, query, scope);
        }

        var items = await leads.GetManyAsync(page.Value!.Ids, cancellationToken);
        var result = new PagedResult<LeadDto>(items, query.Page, query.PageSize, page.Value.TotalCount);

        // The page changes when its ids change (a new id page) or when a body on it changes (its UpdatedAt).
        var pageStoredAt = page.Payload?.StoredAt ?? clock.UtcNow;
        var lastChange = items.Select(i => i.UpdatedAt).Append(pageStoredAt).Max();
        payloads.Offer(CachedPayload.Serialize(result, lastChange));
        return result;
    }
}
