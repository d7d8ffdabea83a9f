using Leads.Application.Common.Behaviors;

namespace Leads.UnitTests.Behaviors;

public sealed class WriteTurnsTests
{
    private readonly WriteTurns _turns = new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_second_writer_of_the_same_key_waits_until_the_first_hands_its_turn_back()
    {
        var key = Guid.CreateVersion7();
        var first = await _turns.TakeAsync(key, CancellationToken.None);

        var second = _turns.TakeAsync(key, CancellationToken.None).AsTask();
        await Task.Delay(50);
        second.IsCompleted.Should().BeFalse("the key's turn is taken");

        first!.Dispose();
        var turn = await second;
        turn.Should().NotBeNull();
        turn!.Dispose();
        _turns.ActiveKeys.Should().Be(0, "a key nobody uses any more leaves nothing behind");
    }

    [Fact]
    public async Task Writers_of_other_keys_do_not_wait()
    {
        using var first = await _turns.TakeAsync(Guid.CreateVersion7(), CancellationToken.None);

        var other = _turns.TakeAsync(Guid.CreateVersion7(), CancellationToken.None);

        other.IsCompletedSuccessfully.Should().BeTrue();
        using var turn = await other;
        turn.Should().NotBeNull();
    }

    [Fact]
    public async Task A_wait_that_runs_out_returns_no_turn_and_leaves_the_holder_alone()
    {
        var turns = new WriteTurns(TimeSpan.FromMilliseconds(20));
        var key = Guid.CreateVersion7();
        var first = await turns.TakeAsync(key, CancellationToken.None);

        var late = await turns.TakeAsync(key, CancellationToken.None);

        late.Should().BeNull();
        turns.ActiveKeys.Should().Be(1);
        first!.Dispose();
        first.Dispose();
        turns.ActiveKeys.Should().Be(0, "handing a turn back twice is harmless");
        using var next = await turns.TakeAsync(key, CancellationToken.None);
        next.Should().NotBeNull();
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_nothing_behind()
    {
        var key = Guid.CreateVersion7();
        using var first = await _turns.TakeAsync(key, CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        var act = async () => await _turns.TakeAsync(key, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _turns.ActiveKeys.Should().Be(1, "only the holder is left");
    }
}
