using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Leads.Queries.GetLeads;

public sealed class GetLeadsQueryHandler(ILeadReadRepository leads, ICurrentUser currentUser)
    : IQueryHandler<GetLeadsQuery, PagedResult<LeadDto>>
{
    public async ValueTask<PagedResult<LeadDto>> Handle(GetLeadsQuery query, CancellationToken cancellationToken)
    {
        var scope = currentUser.RequireAccess().Scope;
        var filter = new LeadFilter(query.Status, query.CategoryId, string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim());
        var total = await leads.CountAsync(filter, scope, cancellationToken);
        var skip = (query.Page - 1) * query.PageSize;
        IReadOnlyList<LeadDto> items = skip >= total
            ? []
            : await leads.ListAsync(filter, scope, query.Sort ?? LeadSort.Default, skip, query.PageSize, cancellationToken);
        return new PagedResult<LeadDto>(items, query.Page, query.PageSize, total);
    }
}
