using Leads.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Leads.Infrastructure.Persistence;

/// <summary>
/// Publishes domain events only after SaveChanges has committed. Publishing before the commit would let a
/// reader reload the old row between invalidation and commit and cache it again (see
/// docs/decisions/0002-domain-events-after-commit.md). Scoped: one save lives between the SavingChanges and
/// SavedChanges callbacks of the same context.
/// Events leave their aggregate only once its save has committed. A save that fails (a lost optimistic race
/// included, for which EF raises no SaveChangesFailed) publishes nothing and leaves the events on the
/// aggregates: a retry that drops those aggregates drops their events with them, one that saves them again
/// publishes them then.
/// </summary>
public sealed class DomainEventDispatchInterceptor(IPublisher publisher) : SaveChangesInterceptor
{
    private List<AggregateRoot> _saving = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await PublishCommittedAsync();
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // A synchronous save collects events like an asynchronous one; skipping them here would leave every cache
        // level serving the old data (or publish them with some later save). The caller already blocks its thread.
        PublishCommittedAsync().AsTask().GetAwaiter().GetResult();
        return base.SavedChanges(eventData, result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        _saving = [];
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _saving = [];
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private async ValueTask PublishCommittedAsync()
    {
        var saved = Interlocked.Exchange(ref _saving, []);
        var events = saved.SelectMany(aggregate => aggregate.DequeueDomainEvents()).ToArray();

        // The data is committed: invalidation must run even if the caller has gone away.
        foreach (var domainEvent in events)
        {
            await publisher.Publish(domainEvent, CancellationToken.None);
        }
    }

    // The aggregates are remembered here because a deleted one is no longer tracked once the save has committed.
    private void Remember(DbContext? context) =>
        _saving = context is null
            ? []
            : context.ChangeTracker.Entries<AggregateRoot>().Select(entry => entry.Entity).Where(aggregate => aggregate.DomainEvents.Count > 0).ToList();
}
