using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Application.Security;

namespace Leads.Application.Leads.Queries.GetLeadsSummary;

public sealed record GetLeadsSummaryQuery : ICacheableQuery<LeadsSummaryDto>
{
    public string CachePolicy => CachePolicies.LeadsSummary;

    public string CacheKey => "summary";

    /// <summary>Counts by status and category and value sums: a notes or name edit leaves the summary valid.</summary>
    public IReadOnlyList<string> GetCacheTags(VisibilityScope? scope) =>
        [.. LeadSetTags.For(scope!, LeadFilter.GroupedCountReads), CacheTags.Categories];
}
