using Leads.Domain.Categories;
using Leads.Domain.Leads;
using Leads.Domain.Users;
using Mediator;

namespace Leads.Application.Caching;

/// <summary>
/// Cascade invalidation: runs after the transaction that raised the event has committed and bumps every
/// tag whose cached answers (API, database and therefore HTTP validators) the change affects. A lead change
/// touches the lead itself, its old and new team's lead set and the global lead set; a category change
/// touches everything that shows category names.
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
        Invalidate(CacheTags.LeadChanged(notification.LeadId, notification.TeamId), cancellationToken);

    public ValueTask Handle(LeadUpdated notification, CancellationToken cancellationToken) =>
        Invalidate(
            CacheTags.LeadChanged(notification.LeadId, notification.TeamId).Append(CacheTags.TeamLeads(notification.PreviousTeamId)),
            cancellationToken);

    public ValueTask Handle(LeadStatusChanged notification, CancellationToken cancellationToken) =>
        Invalidate(CacheTags.LeadChanged(notification.LeadId, notification.TeamId), cancellationToken);

    public ValueTask Handle(LeadDeleted notification, CancellationToken cancellationToken) =>
        Invalidate(CacheTags.LeadChanged(notification.LeadId, notification.TeamId), cancellationToken);

    public ValueTask Handle(CategoryChanged notification, CancellationToken cancellationToken) =>
        Invalidate([CacheTags.Categories], cancellationToken);

    public ValueTask Handle(UserAccessChanged notification, CancellationToken cancellationToken) =>
        Invalidate([CacheTags.User(notification.UserId)], cancellationToken);

    private ValueTask Invalidate(IEnumerable<string> tags, CancellationToken cancellationToken) =>
        cache.InvalidateTagsAsync(tags.Distinct(StringComparer.Ordinal).ToArray(), CancellationToken.None);
}
