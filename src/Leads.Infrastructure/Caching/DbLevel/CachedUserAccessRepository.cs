using Leads.Application.Caching;
using Leads.Application.Security;

namespace Leads.Infrastructure.Caching.DbLevel;

/// <summary>
/// Authorization data read on every authenticated request, cached at the database level (policy UserAccess)
/// and invalidated at once by <c>UserAccessChanged</c>. The inner repository (and with it a DbContext) is only
/// created when a lookup misses: a hit opens nothing.
/// </summary>
public sealed class CachedUserAccessRepository(Func<IUserAccessRepository> inner, CachedCall cache) : IUserAccessRepository
{
    private IUserAccessRepository? _inner;

    public async Task<UserAccess?> GetAsync(Guid userId, CancellationToken cancellationToken) =>
        (await cache.RunAsync(
            CachePolicies.UserAccess,
            CacheKey.SharedPartition,
            CacheKey.Parts(userId),
            [CacheTags.User(userId)],
            async ct => await Inner.GetAsync(userId, ct),
            cancellationToken)).Value;

    private IUserAccessRepository Inner => _inner ??= inner();
}
