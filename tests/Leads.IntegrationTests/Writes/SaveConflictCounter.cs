using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Leads.IntegrationTests.Writes;

/// <summary>Counts saves that failed their optimistic check, so a race test can show that the race took place.</summary>
public sealed class SaveConflictCounter : SaveChangesInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    // EF reports a lost optimistic race here (and not through SaveChangesFailed).
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ThrowingConcurrencyExceptionAsync(eventData, result, cancellationToken);
    }
}
