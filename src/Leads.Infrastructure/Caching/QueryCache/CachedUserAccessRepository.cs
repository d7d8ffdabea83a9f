using Leads.Application.Caching;
using Leads.Application.Security;

namespace Leads.Infrastructure.Caching.QueryCache;

/// <summary>
/// Authorization data read on every authenticated request, cached for 1 minute (policy UserAccess) and
/// invalidated at once by <c>UserAccessChanged</c>.
/// </summary>
public sealed class CachedUserAccessRepository(IUserAccessRepository inner, QueryCacheRunner cache) : IUserAccessRepository
{
    public Task<UserAccess?> GetAsync(Guid userId, CancellationToken cancellationToken) =>
        cache.RunAsync(
            CachePolicies.UserAccess,
            CacheKey.SharedPartition,
            CacheKey.Parts(userId),
            [CacheTags.User(userId)],
            ct => inner.GetAsync(userId, ct),
            cancellationToken);
}
