using Leads.Domain.Categories;
using Leads.Domain.Common;
using Leads.Domain.Leads;
using Leads.Domain.Users;

namespace Leads.Application.Caching;

/// <summary>
/// Cascade invalidation: the tags a committed change bumps, so that every cached answer it affects (service
/// level, database level, and therefore HTTP validators) turns stale. A lead change always touches the lead
/// itself and its team's and the global "any change" tags; reads over sets of leads are invalidated only through
/// the facets the change touched (<see cref="LeadSetTags"/>), so a notes-only edit leaves every list page, count
/// and summary alone. A category change touches everything that shows category names.
/// The tags are computed before the commit and stored with it (the invalidation outbox), so a crash between the
/// commit and Redis cannot lose them; they are applied after the commit.
/// </summary>
public static class CacheInvalidationTags
{
    /// <summary>The distinct tags all <paramref name="events"/> bump, in first-seen order (empty when none does).</summary>
    public static string[] For(IEnumerable<IDomainEvent> events) =>
        events.SelectMany(For).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The tags one event bumps; an event no cached answer depends on bumps none.</summary>
    public static IEnumerable<string> For(IDomainEvent domainEvent) => domainEvent switch
    {
        LeadCreated created => CacheTags.LeadChanged(created.LeadId, created.TeamId)
            .Concat(LeadSetTags.Changed(created.TeamId, null, membership: true, LeadFields.None, [], [])),
        LeadUpdated updated => Updated(updated),
        LeadStatusChanged moved => CacheTags.LeadChanged(moved.LeadId, moved.TeamId)
            .Concat(LeadSetTags.Changed(moved.TeamId, null, membership: false, LeadFields.Status | LeadFields.UpdatedAt, [moved.From, moved.To], [])),
        LeadDeleted deleted => CacheTags.LeadChanged(deleted.LeadId, deleted.TeamId)
            .Append(CacheTags.LeadMembership(deleted.LeadId))
            .Concat(LeadSetTags.Changed(deleted.TeamId, null, membership: true, LeadFields.None, [], [])),
        CategoryChanged => [CacheTags.Categories],
        UserAccessChanged access => [CacheTags.User(access.UserId)],
        _ => [],
    };

    private static IEnumerable<string> Updated(LeadUpdated updated)
    {
        var categories = updated.Changed.HasFlag(LeadFields.Category) ? new[] { updated.PreviousCategoryId, updated.CategoryId } : [];
        var moved = updated.Changed.HasFlag(LeadFields.Team) ? new[] { CacheTags.LeadMembership(updated.LeadId) } : [];
        return CacheTags.LeadChanged(updated.LeadId, updated.TeamId)
            .Append(CacheTags.TeamLeads(updated.PreviousTeamId))
            .Concat(moved)
            .Concat(LeadSetTags.Changed(
                updated.TeamId,
                updated.PreviousTeamId,
                membership: updated.Changed.HasFlag(LeadFields.Team),
                updated.Changed,
                [],
                categories));
    }
}
