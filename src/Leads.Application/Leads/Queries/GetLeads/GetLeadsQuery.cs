using Leads.Application.Caching;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Domain.Leads;

namespace Leads.Application.Leads.Queries.GetLeads;

public sealed record GetLeadsQuery(
    int Page = 1,
    int PageSize = GetLeadsQuery.DefaultPageSize,
    LeadStatus? Status = null,
    Guid? CategoryId = null,
    string? Search = null,
    string? Sort = null) : ICacheableQuery<PagedResult<LeadDto>>
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public string CachePolicy => CachePolicies.LeadsList;

    public string CacheKey => Caching.CacheKey.Parts(Page, PageSize, Status, CategoryId, Search, Sort ?? LeadSort.Default);

    public IReadOnlyList<string> GetCacheTags(VisibilityScope? scope) => [.. CacheTags.LeadSet(scope!), CacheTags.Categories];
}
