using Leads.Api.RateLimiting;

namespace Leads.UnitTests.RateLimiting;

/// <summary>The load-shedding gate: permits, a bounded queue served oldest first, cancellation, and no lost permit under contention.</summary>
public sealed class AdmissionGateTests
{
    [Fact]
    public async Task Permits_are_granted_up_to_the_limit_and_a_full_queue_refuses_at_once()
    {
        var gate = new AdmissionGate(permits: 2, queueLimit: 1);

        (await gate.EnterAsync(CancellationToken.None)).Should().BeTrue();
        (await gate.EnterAsync(CancellationToken.None)).Should().BeTrue();
        var queued = gate.EnterAsync(CancellationToken.None);
        queued.IsCompleted.Should().BeFalse("both permits are held, so the third caller waits in the queue");

        var refused = gate.EnterAsync(CancellationToken.None);
        refused.IsCompleted.Should().BeTrue("the queue holds one caller, so the fourth is refused without waiting");
        (await refused).Should().BeFalse();

        gate.Exit();
        (await queued).Should().BeTrue("a returned permit goes to the waiting caller");
        gate.Held.Should().Be(2);
    }

    [Fact]
    public async Task Waiters_are_served_oldest_first_and_newcomers_queue_behind_them()
    {
        var gate = new AdmissionGate(permits: 1, queueLimit: 10);
        (await gate.EnterAsync(CancellationToken.None)).Should().BeTrue();
        var first = gate.EnterAsync(CancellationToken.None).AsTask();
        var second = gate.EnterAsync(CancellationToken.None).AsTask();

        gate.Exit();
        (await first).Should().BeTrue();
        second.IsCompleted.Should().BeFalse("the permit went to the older waiter");

        gate.Exit();
        (await second).Should().BeTrue();
        gate.Exit();
        gate.Held.Should().Be(0);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_takes_no_permit()
    {
        var gate = new AdmissionGate(permits: 1, queueLimit: 1);
        (await gate.EnterAsync(CancellationToken.None)).Should().BeTrue();
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();

        var next = gate.EnterAsync(CancellationToken.None).AsTask();
        next.IsCompleted.Should().BeFalse("the cancelled waiter freed its place in the queue, not a permit");
        gate.Exit();
        (await next).Should().BeTrue();
        gate.Held.Should().Be(1);
    }

    [Fact]
    public async Task Under_contention_no_more_than_the_permits_run_at_once_and_every_permit_comes_back()
    {
        const int permits = 4;
        var gate = new AdmissionGate(permits, queueLimit: 100_000);
        var running = 0;
        var most = 0;
        var admitted = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                (await gate.EnterAsync(CancellationToken.None)).Should().BeTrue();
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                Interlocked.Increment(ref admitted);
                if (i % 7 == 0)
                {
                    await Task.Yield();
                }

                Interlocked.Decrement(ref running);
                gate.Exit();
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60)); // a waiter left asleep beside a free permit would hang here: fail instead

        admitted.Should().Be(16_000, "every caller got in: no waiter was left asleep while a permit was free");
        most.Should().BeLessThanOrEqualTo(permits);
        gate.Held.Should().Be(0);
    }

    private static void InterlockedMax(ref int field, int value)
    {
        int current;
        while ((current = Volatile.Read(ref field)) < value && Interlocked.CompareExchange(ref field, value, current) != current)
        {
        }
    }
}
