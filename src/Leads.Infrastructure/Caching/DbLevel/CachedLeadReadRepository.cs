using Leads.Application.Caching;
using Leads.Application.Leads;
using Leads.Application.Leads.Models;
using Leads.Application.Security;

namespace Leads.Infrastructure.Caching.DbLevel;

/// <summary>
/// The database-level query cache for leads: lookups by id (policy LeadRecord) and count queries (policy
/// LeadCounts) go through Redis; list pages are not cached here (the service level keeps them).
/// </summary>
public sealed class CachedLeadReadRepository(ILeadReadRepository inner, CachedCall cache) : ILeadReadRepository
{
    public async Task<LeadDto?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        (await cache.RunAsync(
            CachePolicies.LeadRecord,
            CacheKey.SharedPartition,
            CacheKey.Parts(id),
            [CacheTags.Lead(id), CacheTags.Categories],
            async ct => await inner.GetByIdAsync(id, ct),
            cancellationToken)).Value;

    public Task<IReadOnlyList<LeadDto>> ListAsync(LeadFilter filter, VisibilityScope scope, string sort, int skip, int take, CancellationToken cancellationToken) =>
        inner.ListAsync(filter, scope, sort, skip, take, cancellationToken);

    public async Task<int> CountAsync(LeadFilter filter, VisibilityScope scope, CancellationToken cancellationToken) =>
        (await cache.RunAsync<int?>(
            CachePolicies.LeadCounts,
            scope.PartitionKey,
            CacheKey.Parts("count", filter.Status, filter.CategoryId, filter.Search),
            CacheTags.LeadSet(scope),
            async ct => await inner.CountAsync(filter, scope, ct),
            cancellationToken)).Value ?? 0;

    public async Task<LeadCounts> GetCountsAsync(VisibilityScope scope, CancellationToken cancellationToken) =>
        (await cache.RunAsync(
            CachePolicies.LeadCounts,
            scope.PartitionKey,
            "grouped",
            CacheTags.LeadSet(scope),
            async ct => await inner.GetCountsAsync(scope, ct),
            cancellationToken)).Value ?? new LeadCounts([]);
}
