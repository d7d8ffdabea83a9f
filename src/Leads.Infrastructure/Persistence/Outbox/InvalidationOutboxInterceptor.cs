using Leads.Application.Caching;
using Leads.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Leads.Infrastructure.Persistence.Outbox;

/// <summary>
/// The transactional outbox of cache invalidation. Before a save, the tags its domain events bump
/// (<see cref="CacheInvalidationTags"/>) are added as one <see cref="PendingInvalidation"/> row, so the row
/// commits or rolls back with the change itself. After the commit the events are published, their handler bumps
/// the tags in Redis at once, as before (it runs in the interceptor registered before this one), and the row is
/// handed to <see cref="AppliedOutboxRows"/> to be marked applied when every bump landed (<see cref="InvalidationReceipt"/>). When one did not (Redis frozen or down),
/// or the process dies between the commit and Redis, the row stays and the relay of any instance applies it
/// once Redis answers (<see cref="InvalidationOutboxRelay"/>): no instance keeps serving what the change made
/// stale for longer than the relay's delay. Scoped, like the save it follows.
/// </summary>
public sealed partial class InvalidationOutboxInterceptor(InvalidationReceipt receipt, AppliedOutboxRows applied, ILogger<InvalidationOutboxInterceptor> logger) : SaveChangesInterceptor
{
    private PendingInvalidation? _saving;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Settle(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Settle(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    // A failed save (and a lost optimistic race, for which EF raises no SaveChangesFailed: see Record) leaves the
    // row unsaved; it must not go out with a later save of other changes.
    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Forget(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // A row still waiting from an attempt that failed belongs to no commit: this save records its own.
        Forget(context);
        receipt.Reset();
        var events = context.ChangeTracker.Entries<AggregateRoot>().SelectMany(entry => entry.Entity.DomainEvents);
        _saving = PendingInvalidation.For(CacheInvalidationTags.For(events));
        if (_saving is not null)
        {
            context.Add(_saving);
        }
    }

    private void Settle(DbContext? context)
    {
        var row = Interlocked.Exchange(ref _saving, null);
        if (row is null || context is null)
        {
            return;
        }

        // The row is the database's business from now on; a later save of this context must not touch it.
        context.Entry(row).State = EntityState.Detached;

        if (!receipt.AllApplied)
        {
            LogLeftForRelay(row.Id, row.Tags.Length);
            return;
        }

        // Marked applied with the other rows of the next moment, in one statement (see AppliedOutboxRows).
        applied.Add(row.Id);
    }

    private void Forget(DbContext? context)
    {
        var row = Interlocked.Exchange(ref _saving, null);
        if (row is not null && context is not null && context.Entry(row).State == EntityState.Added)
        {
            context.Entry(row).State = EntityState.Detached;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache invalidation of outbox row {RowId} ({Count} tags) could not reach Redis; the outbox relay applies it once Redis answers")]
    private partial void LogLeftForRelay(long rowId, int count);
}
