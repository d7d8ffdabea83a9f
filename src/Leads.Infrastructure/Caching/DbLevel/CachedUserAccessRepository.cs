using Leads.Application.Caching;
using Leads.Application.Security;

namespace Leads.Infrastructure.Caching.DbLevel;

/// <summary>
/// Authorization data read on every authenticated request, cached at the database level (policy UserAccess)
/// and invalidated at once by <c>UserAccessChanged</c>.
/// </summary>
public sealed class CachedUserAccessRepository(IUserAccessRepository inner, CachedCall cache) : IUserAccessRepository
{
    public async Task<UserAccess?> GetAsync(Guid userId, CancellationToken cancellationToken) =>
        (await cache.RunAsync(
            CachePolicies.UserAccess,
            CacheKey.SharedPartition,
            CacheKey.Parts(userId),
            [CacheTags.User(userId)],
            async ct => await inner.GetAsync(userId, ct),
            cancellationToken)).Value;
}
