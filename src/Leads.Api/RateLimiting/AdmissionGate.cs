namespace Leads.Api.RateLimiting;

/// <summary>
/// At most <c>permits</c> holders at once, at most <c>queueLimit</c> more waiting, oldest first; beyond that
/// <see cref="EnterAsync"/> answers false at once. It does what <c>System.Threading.RateLimiting.ConcurrencyLimiter</c>
/// did for <see cref="LoadSheddingMiddleware"/>, without its lock on every acquire and release: the limiter's
/// lock showed in every cached hit's profile (docs/benchmarks.md, "Cost of a cached hit"). While nobody waits,
/// entering is one compare-and-swap and leaving one interlocked decrement; the lock is taken only when the
/// permits are all held. Thread-safe; holds no timers.
/// </summary>
public sealed class AdmissionGate(int permits, int queueLimit)
{
    private readonly LinkedList<TaskCompletionSource<bool>> _queue = new();
    private int _held;

    // Callers that are in the queue or about to look at it. Raised before a waiter checks the permits, read after
    // a leaver returns one: whichever of the two comes second sees the other (both are full fences), so a waiter
    // never sleeps while a permit is free.
    private int _waiting;

    /// <summary>Permits held now (for tests and diagnostics).</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>True once a permit is held (call <see cref="Exit"/> after); false when the queue is full.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<bool> EnterAsync(CancellationToken cancellationToken)
    {
        // Nobody waits: take a permit if one is free. With waiters, newcomers queue behind them (oldest first).
        if (Volatile.Read(ref _waiting) == 0 && TryTake())
        {
            return ValueTask.FromResult(true);
        }

        return EnterSlowAsync(cancellationToken);
    }

    /// <summary>Returns the permit taken by a successful <see cref="EnterAsync"/>; hands it to the oldest waiter, if any.</summary>
    public void Exit()
    {
        Interlocked.Decrement(ref _held);
        if (Volatile.Read(ref _waiting) != 0)
        {
            lock (_queue)
            {
                GrantFree();
            }
        }
    }

    private async ValueTask<bool> EnterSlowAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        LinkedListNode<TaskCompletionSource<bool>> node;
        lock (_queue)
        {
            Interlocked.Increment(ref _waiting);
            if (_queue.Count == 0 && TryTake())
            {
                Interlocked.Decrement(ref _waiting);
                return true;
            }

            if (_queue.Count >= queueLimit)
            {
                Interlocked.Decrement(ref _waiting);
                return false;
            }

            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _queue.AddLast(waiter);
            GrantFree();
        }

        await using (cancellationToken.Register(() => Cancel(node, cancellationToken)))
        {
            return await waiter.Task;
        }
    }

    /// <summary>Gives free permits to the oldest waiters. Call under the lock.</summary>
    private void GrantFree()
    {
        while (_queue.First is { } first && TryTake())
        {
            _queue.RemoveFirst();
            Interlocked.Decrement(ref _waiting);
            first.Value.TrySetResult(true);
        }
    }

    private void Cancel(LinkedListNode<TaskCompletionSource<bool>> node, CancellationToken cancellationToken)
    {
        lock (_queue)
        {
            // Not in the queue any more: it was granted a permit first, and its holder returns it with Exit.
            if (node.List is null)
            {
                return;
            }

            _queue.Remove(node);
            Interlocked.Decrement(ref _waiting);
        }

        node.Value.TrySetCanceled(cancellationToken);
    }

    private bool TryTake()
    {
        var held = Volatile.Read(ref _held);
        while (held < permits)
        {
            var seen = Interlocked.CompareExchange(ref _held, held + 1, held);
            if (seen == held)
            {
                return true;
            }

            held = seen;
        }

        return false;
    }
}
