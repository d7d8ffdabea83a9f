using Leads.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Leads.Infrastructure.Persistence;

/// <summary>
/// Publishes domain events only after SaveChanges has committed. Publishing before the commit would let a
/// reader reload the old row between invalidation and commit and cache it again (see
/// docs/decisions/0002-domain-events-after-commit.md). Scoped: the events of one save live between the
/// SavingChanges and SavedChanges callbacks of the same context.
/// </summary>
public sealed class DomainEventDispatchInterceptor(IPublisher publisher) : SaveChangesInterceptor
{
    private List<IDomainEvent> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await PublishPendingAsync();
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // A synchronous save collects events like an asynchronous one; skipping them here would leave every cache
        // level serving the old data (or publish them with some later save). The caller already blocks its thread.
        PublishPendingAsync().AsTask().GetAwaiter().GetResult();
        return base.SavedChanges(eventData, result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        _pending = [];
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = [];
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private async ValueTask PublishPendingAsync()
    {
        var events = Interlocked.Exchange(ref _pending, []);

        // The data is committed: invalidation must run even if the caller has gone away.
        foreach (var domainEvent in events)
        {
            await publisher.Publish(domainEvent, CancellationToken.None);
        }
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<AggregateRoot>())
        {
            _pending.AddRange(entry.Entity.DequeueDomainEvents());
        }
    }
}
