using Leads.Application.Caching;
using Leads.Application.Leads;
using Leads.Application.Leads.Models;
using Leads.Application.Security;

namespace Leads.Infrastructure.Caching.DbLevel;

/// <summary>
/// The database-level query cache for leads: lookups by id (policy LeadRecord) and count queries (policy
/// LeadCounts) go through Redis; list page bodies are the same LeadRecord entries, read in one batch. The inner
/// repository (and with it a DbContext) is only created when something has to be read from Postgres.
/// </summary>
public sealed class CachedLeadReadRepository(Func<ILeadReadRepository> createInner, CachedCall cache) : ILeadReadRepository
{
    private ILeadReadRepository? _inner;

    private ILeadReadRepository Inner => _inner ??= createInner();

    public async Task<LeadDto?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        (await cache.RunAsync(
            CachePolicies.LeadRecord,
            CacheKey.SharedPartition,
            CacheKey.Parts(id),
            [CacheTags.Lead(id), CacheTags.Categories],
            async ct => await Inner.GetByIdAsync(id, ct),
            cancellationToken)).Value;

    /// <summary>
    /// A "yes" is cached in the caller's own partition (policy LeadVisibility), never in a shared one, tagged with the
    /// lead's membership (bumped when it is deleted or moves to another team, not by edits of its other fields). A "no" is not cached, so a
    /// lead of another team and an id that never existed both cost one query every time, and probing random ids
    /// fills no cache.
    /// </summary>
    public async Task<bool> IsVisibleAsync(Guid id, VisibilityScope scope, CancellationToken cancellationToken) =>
        (await cache.RunAsync<bool?>(
            CachePolicies.LeadVisibility,
            scope.PartitionKey,
            CacheKey.Parts("visible", id),
            [CacheTags.LeadMembership(id)],
            async ct => await Inner.IsVisibleAsync(id, scope, ct) ? true : (bool?)null,
            cancellationToken)).Value ?? false;

    /// <summary>Bodies of a list page: the same LeadRecord entries as lookups by id, read in one batch; one SQL query for what is missing.</summary>
    public async Task<IReadOnlyList<LeadDto>> GetManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await cache.RunManyAsync<Guid, LeadDto>(
            CachePolicies.LeadRecord,
            CacheKey.SharedPartition,
            ids,
            id => CacheKey.Parts(id),
            id => [CacheTags.Lead(id), CacheTags.Categories],
            async (missing, ct) =>
            {
                var loaded = (await Inner.GetManyAsync(missing, ct)).ToDictionary(l => l.Id);
                return missing.Select(id => loaded.GetValueOrDefault(id)).ToArray();
            },
            cancellationToken);
        return found.Where(l => l is not null).Select(l => l!).ToArray();
    }

    public Task<IReadOnlyList<Guid>> ListIdsAsync(LeadFilter filter, VisibilityScope scope, string sort, int skip, int take, CancellationToken cancellationToken) =>
        Inner.ListIdsAsync(filter, scope, sort, skip, take, cancellationToken);

    public async Task<int> CountAsync(LeadFilter filter, VisibilityScope scope, CancellationToken cancellationToken) =>
        (await cache.RunAsync<int?>(
            CachePolicies.LeadCounts,
            scope.PartitionKey,
            CacheKey.Parts("count", filter.Status, filter.CategoryId, filter.Search),
            filter.CacheTags(scope),
            async ct => await Inner.CountAsync(filter, scope, ct),
            cancellationToken)).Value ?? 0;

    public async Task<LeadCounts> GetCountsAsync(VisibilityScope scope, CancellationToken cancellationToken) =>
        (await cache.RunAsync(
            CachePolicies.LeadCounts,
            scope.PartitionKey,
            "grouped",
            LeadSetTags.For(scope, LeadFilter.GroupedCountReads),
            async ct => await Inner.GetCountsAsync(scope, ct),
            cancellationToken)).Value ?? new LeadCounts([]);
}
