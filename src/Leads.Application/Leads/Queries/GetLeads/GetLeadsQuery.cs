using Leads.Application.Caching;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Domain.Leads;
using Mediator;

namespace Leads.Application.Leads.Queries.GetLeads;

/// <summary>
/// One page of the caller's leads. The service level keeps the page as ids (policy LeadsList, see
/// <see cref="LeadIdPage"/>); its tags come from what the page reads: the filter's fields and values and the sort
/// field, so only writes that can change which leads are on the page, or their order, invalidate it.
/// </summary>
public sealed record GetLeadsQuery(
    int Page = 1,
    int PageSize = GetLeadsQuery.DefaultPageSize,
    LeadStatus? Status = null,
    Guid? CategoryId = null,
    string? Search = null,
    string? Sort = null) : IQuery<PagedResult<LeadDto>>
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public string CachePolicy => CachePolicies.LeadsList;

    public string EffectiveSort => Sort ?? LeadSort.Default;

    public LeadFilter Filter => new(Status, CategoryId, string.IsNullOrWhiteSpace(Search) ? null : Search.Trim());

    public string CacheKey => Caching.CacheKey.Parts(Page, PageSize, Status, CategoryId, Search, EffectiveSort);

    public IReadOnlyList<string> GetCacheTags(VisibilityScope scope) => Filter.CacheTags(scope, LeadSetTags.SortedBy(EffectiveSort));
}
