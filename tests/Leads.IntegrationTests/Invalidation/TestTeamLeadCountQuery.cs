using Leads.Application.Caching;
using Leads.Application.Security;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// A cacheable query declared outside the application: how many leads a team has. Its answer is the same for
/// every caller and depends on the team's lead set only, so it declares the existing tag of that set and
/// needs no invalidation code of its own.
/// </summary>
public sealed record TestTeamLeadCountQuery(Guid TeamId) : ICacheableQuery<TeamLeadCountDto>
{
    public const string Policy = "TestTeamLeadCount";

    public string CachePolicy => Policy;

    public string CacheKey => Application.Caching.CacheKey.Parts(TeamId);

    public bool VariesByCaller => false;

    public IReadOnlyList<string> GetCacheTags(VisibilityScope? scope) => [CacheTags.TeamLeads(TeamId)];
}
