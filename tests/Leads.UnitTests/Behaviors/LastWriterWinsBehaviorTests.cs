using Leads.Application.Common.Behaviors;
using Leads.Application.Common.Exceptions;
using Leads.Application.Common.Interfaces;
using Leads.Domain.Leads;
using Mediator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leads.UnitTests.Behaviors;

/// <summary>Which failures an unconditional write runs again, how often, and what a conditional write answers.</summary>
public sealed class LastWriterWinsBehaviorTests
{
    private readonly CountingUnitOfWork _unitOfWork = new();
    private readonly LastWriterWinsBehavior<TestWrite, string> _behavior;

    private readonly WriteTurns _turns = new(TimeSpan.FromSeconds(30));

    public LastWriterWinsBehaviorTests() =>
        _behavior = new(_unitOfWork, _turns, NullLogger<LastWriterWinsBehavior<TestWrite, string>>.Instance);

    [Fact]
    public async Task An_unconditional_write_that_loses_races_runs_again_from_a_fresh_unit_of_work_until_it_lands()
    {
        var attempts = 0;

        var result = await _behavior.Handle(new TestWrite(LeadId, null), (_, _) => ++attempts < 3 ? throw Conflict() : ValueTask.FromResult("saved"), CancellationToken.None);

        result.Should().Be("saved");
        attempts.Should().Be(3);
        _unitOfWork.Discards.Should().Be(2, "each lost attempt's entities and events are dropped before the next one");
        _turns.ActiveKeys.Should().Be(0, "the turn taken for the retries is handed back");
    }

    [Fact]
    public async Task Retries_of_writes_to_one_lead_take_turns()
    {
        var inside = 0;
        var mostInside = 0;
        var firstAttempts = new TaskCompletionSource();
        var started = 0;

        // Every write loses its first attempt once all have made one, then retries: retries must not overlap.
        async ValueTask<string> Write(TestWrite message, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref started);
            if (call <= 8)
            {
                if (call == 8)
                {
                    firstAttempts.SetResult();
                }

                await firstAttempts.Task;
                throw Conflict();
            }

            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostInside, now);
            await Task.Delay(5, cancellationToken);
            Interlocked.Decrement(ref inside);
            return "saved";
        }

        var writes = Enumerable.Range(0, 8).Select(_ => new LastWriterWinsBehavior<TestWrite, string>(
            new CountingUnitOfWork(), _turns, NullLogger<LastWriterWinsBehavior<TestWrite, string>>.Instance)
            .Handle(new TestWrite(LeadId, null), Write, CancellationToken.None).AsTask());
        var results = await Task.WhenAll(writes);

        results.Should().AllBe("saved");
        mostInside.Should().Be(1, "one retry at a time per lead");
        _turns.ActiveKeys.Should().Be(0);
    }

    [Fact]
    public async Task An_unconditional_write_gives_up_after_the_bound_with_a_conflict_that_says_why()
    {
        var attempts = 0;

        var act = async () => await _behavior.Handle(new TestWrite(LeadId, null), (_, _) => { attempts++; throw Conflict(); }, CancellationToken.None);

        var thrown = await act.Should().ThrowExactlyAsync<ConflictException>();
        thrown.Which.Message.Should().Contain($"tried {LastWriterWinsBehavior<TestWrite, string>.MaxAttempts} times").And.Contain("nothing was saved");
        attempts.Should().Be(LastWriterWinsBehavior<TestWrite, string>.MaxAttempts);
        LastWriterWinsBehavior<TestWrite, string>.MaxAttempts.Should().Be(5);
    }

    [Fact]
    public async Task A_write_that_states_a_version_is_never_run_again()
    {
        var attempts = 0;

        var act = async () => await _behavior.Handle(new TestWrite(LeadId, 3), (_, _) => { attempts++; throw Conflict(); }, CancellationToken.None);

        await act.Should().ThrowExactlyAsync<ConcurrencyConflictException>("the caller asked for that condition; the conflict is its answer");
        attempts.Should().Be(1);
        _unitOfWork.Discards.Should().Be(0);
    }

    [Fact]
    public async Task A_rule_violation_is_not_a_race_and_is_not_run_again()
    {
        var attempts = 0;

        var act = async () => await _behavior.Handle(
            new TestWrite(LeadId, null), (_, _) => { attempts++; throw new InvalidStatusTransitionException(LeadStatus.New, LeadStatus.Won); }, CancellationToken.None);

        await act.Should().ThrowExactlyAsync<InvalidStatusTransitionException>();
        attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_write_whose_lead_is_gone_is_not_run_again()
    {
        var attempts = 0;

        var act = async () => await _behavior.Handle(new TestWrite(LeadId, null), (_, _) => { attempts++; throw new NotFoundException("Lead", Guid.Empty); }, CancellationToken.None);

        await act.Should().ThrowExactlyAsync<NotFoundException>();
        attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_cancelled_request_stops_retrying()
    {
        using var cancellation = new CancellationTokenSource();
        var attempts = 0;

        var act = async () => await _behavior.Handle(
            new TestWrite(LeadId, null),
            (_, _) =>
            {
                attempts++;
                cancellation.Cancel();
                throw Conflict();
            },
            cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        attempts.Should().Be(1);
    }

    private static readonly Guid LeadId = Guid.CreateVersion7();

    private static ConcurrencyConflictException Conflict() => new("Lead", Guid.Empty, 7);

    public sealed record TestWrite(Guid Id, long? ExpectedVersion) : IVersionedCommand<string>;

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    private sealed class CountingUnitOfWork : IUnitOfWork
    {
        public int Discards { get; private set; }

        public Task SaveChangesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void DiscardChanges() => Discards++;
    }
}
