using Leads.Domain.Categories;
using Leads.Domain.Leads;
using Leads.Domain.Users;
using Mediator;

namespace Leads.Application.Caching;

/// <summary>
/// Cascade invalidation: runs after the transaction that raised the event has committed and bumps every tag
/// whose cached answers (service level, database level, and therefore HTTP validators) the change affects.
/// A lead change always touches the lead itself and its team's and the global "any change" tags; reads over
/// sets of leads are invalidated only through the facets the change touched (<see cref="LeadSetTags"/>), so
/// a notes-only edit leaves every list page, count and summary alone. A category change touches everything
/// that shows category names.
/// </summary>
public sealed class CacheInvalidationHandler(ICacheStore cache) :
    INotificationHandler<LeadCreated>,
    INotificationHandler<LeadUpdated>,
    INotificationHandler<LeadStatusChanged>,
    INotificationHandler<LeadDeleted>,
    INotificationHandler<CategoryChanged>,
    INotificationHandler<UserAccessChanged>
{
    public ValueTask Handle(LeadCreated notification, CancellationToken cancellationToken) =>
        Invalidate(
            CacheTags.LeadChanged(notification.LeadId, notification.TeamId)
                .Concat(LeadSetTags.Changed(notification.TeamId, null, membership: true, LeadFields.None, [], [])),
            cancellationToken);

    public ValueTask Handle(LeadUpdated notification, CancellationToken cancellationToken)
    {
        var categories = notification.Changed.HasFlag(LeadFields.Category) ? new[] { notification.PreviousCategoryId, notification.CategoryId } : [];
        return Invalidate(
            CacheTags.LeadChanged(notification.LeadId, notification.TeamId)
                .Append(CacheTags.TeamLeads(notification.PreviousTeamId))
                .Concat(LeadSetTags.Changed(
                    notification.TeamId,
                    notification.PreviousTeamId,
                    membership: notification.Changed.HasFlag(LeadFields.Team),
                    notification.Changed,
                    [],
                    categories)),
            cancellationToken);
    }

    public ValueTask Handle(LeadStatusChanged notification, CancellationToken cancellationToken) =>
        Invalidate(
            CacheTags.LeadChanged(notification.LeadId, notification.TeamId)
                .Concat(LeadSetTags.Changed(
                    notification.TeamId,
                    null,
                    membership: false,
                    LeadFields.Status | LeadFields.UpdatedAt,
                    [notification.From, notification.To],
                    [])),
            cancellationToken);

    public ValueTask Handle(LeadDeleted notification, CancellationToken cancellationToken) =>
        Invalidate(
            CacheTags.LeadChanged(notification.LeadId, notification.TeamId)
                .Concat(LeadSetTags.Changed(notification.TeamId, null, membership: true, LeadFields.None, [], [])),
            cancellationToken);

    public ValueTask Handle(CategoryChanged notification, CancellationToken cancellationToken) =>
        Invalidate([CacheTags.Categories], cancellationToken);

    public ValueTask Handle(UserAccessChanged notification, CancellationToken cancellationToken) =>
        Invalidate([CacheTags.User(notification.UserId)], cancellationToken);

    private ValueTask Invalidate(IEnumerable<string> tags, CancellationToken cancellationToken) =>
        cache.InvalidateTagsAsync(tags.Distinct(StringComparer.Ordinal).ToArray(), CancellationToken.None);
}
