using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Application.Security;

namespace Leads.Application.Leads.Queries.GetLeadById;

public sealed record GetLeadByIdQuery(Guid Id) : ICacheableQuery<LeadDto>
{
    public string CachePolicy => CachePolicies.LeadById;

    public string CacheKey => Caching.CacheKey.Parts(Id);

    public IReadOnlyList<string> GetCacheTags(VisibilityScope? scope) => [CacheTags.Lead(Id), CacheTags.Categories];
}
