using Leads.Application.Caching;
using Leads.Application.Security;
using Leads.Application.StaticConfig.Models;

namespace Leads.Application.StaticConfig.Queries.GetStaticConfig;

public sealed record GetStaticConfigQuery : ICacheableQuery<StaticConfigDto>
{
    public string CachePolicy => CachePolicies.StaticConfig;

    public string CacheKey => "config";

    public bool VariesByCaller => false;

    public IReadOnlyList<string> GetCacheTags(VisibilityScope? scope) => [CacheTags.StaticConfig];
}
