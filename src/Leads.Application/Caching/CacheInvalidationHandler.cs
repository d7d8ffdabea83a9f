using Leads.Domain.Categories;
using Leads.Domain.Common;
using Leads.Domain.Leads;
using Leads.Domain.Users;
using Mediator;

namespace Leads.Application.Caching;

/// <summary>
/// Cascade invalidation after the commit: bumps the tags each domain event names
/// (<see cref="CacheInvalidationTags"/>), which turns every dependent cached answer stale on every level and
/// every instance. The same tags were stored with the change in the invalidation outbox; a bump that cannot
/// reach Redis is reported to the <see cref="InvalidationReceipt"/>, so the outbox row stays for the relay.
/// </summary>
public sealed class CacheInvalidationHandler(ICacheStore cache, InvalidationReceipt receipt) :
    INotificationHandler<LeadCreated>,
    INotificationHandler<LeadUpdated>,
    INotificationHandler<LeadStatusChanged>,
    INotificationHandler<LeadDeleted>,
    INotificationHandler<CategoryChanged>,
    INotificationHandler<UserAccessChanged>
{
    public ValueTask Handle(LeadCreated notification, CancellationToken cancellationToken) => Invalidate(notification);

    public ValueTask Handle(LeadUpdated notification, CancellationToken cancellationToken) => Invalidate(notification);

    public ValueTask Handle(LeadStatusChanged notification, CancellationToken cancellationToken) => Invalidate(notification);

    public ValueTask Handle(LeadDeleted notification, CancellationToken cancellationToken) => Invalidate(notification);

    public ValueTask Handle(CategoryChanged notification, CancellationToken cancellationToken) => Invalidate(notification);

    public ValueTask Handle(UserAccessChanged notification, CancellationToken cancellationToken) => Invalidate(notification);

    // The data is committed: invalidation must run even if the caller has gone away.
    private async ValueTask Invalidate(IDomainEvent domainEvent)
    {
        if (!await cache.InvalidateTagsAsync(CacheInvalidationTags.For([domainEvent]), CancellationToken.None))
        {
            receipt.Missed();
        }
    }
}
