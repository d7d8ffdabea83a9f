using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Application.Security;

namespace Leads.Application.Leads.Queries.GetLeadsSummary;

public sealed record GetLeadsSummaryQuery : ICacheableQuery<LeadsSummaryDto>
{
    public string CachePolicy => CachePolicies.LeadsSummary;

    public string CacheKey => "summary";

    public IReadOnlyList<string> GetCacheTags(VisibilityScope? scope) => [.. CacheTags.LeadSet(scope!), CacheTags.Categories];
}
