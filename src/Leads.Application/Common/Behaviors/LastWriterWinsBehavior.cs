using Leads.Application.Common.Exceptions;
using Leads.Application.Common.Interfaces;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Leads.Application.Common.Behaviors;

/// <summary>
/// Makes unconditional writes last-writer-wins. Such a write has not seen any version, so when the optimistic
/// check at save time fails it is only because another write committed between this one's read and its save:
/// answering 409 would blame the caller for a race it could not see. The command runs again from a fresh read
/// (the unit of work forgets the lost attempt's entities and their unpublished events), at most
/// <see cref="MaxAttempts"/> times in all. Before its first retry a write pauses briefly (jittered, so writers
/// of other instances that collided do not collide again in step) and then takes its turn among this
/// instance's retries of the same lead (<see cref="WriteTurns"/>), which it keeps until it is done.
/// A command that states a version is never retried: its conflict is the answer (409, or 412 after If-Match).
/// Only <see cref="ConcurrencyConflictException"/> is retried; rule violations (an invalid status move), missing
/// leads and validation errors pass through after one attempt.
/// </summary>
public sealed partial class LastWriterWinsBehavior<TMessage, TResponse>(
    IUnitOfWork unitOfWork,
    WriteTurns turns,
    ILogger<LastWriterWinsBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IVersionedCommand<TResponse>
{
    /// <summary>Attempts in all, the first included.</summary>
    public const int MaxAttempts = 5;

    // Upper bound of the first pause; it doubles per retry (full jitter: 0-5, 0-10, 0-20, 0-40 ms, at most 75 ms
    // in all). A lead write takes a few milliseconds, so this spreads retries over a few write durations.
    private const int FirstPauseMaxMs = 5;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message.ExpectedVersion is not null)
        {
            return await next(message, cancellationToken);
        }

        IDisposable? turn = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await next(message, cancellationToken);
                }
                catch (ConcurrencyConflictException conflict)
                {
                    // The lost attempt's entities hold values (and a version) that are no longer current; the next
                    // save must not write them, and the next read must not be answered from them.
                    unitOfWork.DiscardChanges();
                    if (attempt == MaxAttempts)
                    {
                        LogGaveUp(typeof(TMessage).Name, message.Id, attempt);
                        throw new ConflictException(
                            $"Other writes kept committing first: this write was tried {attempt} times and nothing was saved. " +
                            $"Send it again. ({conflict.Message})");
                    }

                    LogRetrying(typeof(TMessage).Name, message.Id, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * (FirstPauseMaxMs << (attempt - 1))), cancellationToken);
                    turn ??= await turns.TakeAsync(message.Id, cancellationToken);
                }
            }
        }
        finally
        {
            turn?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageName} for {Id} lost a race with another write on attempt {Attempt}; running it again from a fresh read")]
    private partial void LogRetrying(string messageName, Guid id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MessageName} for {Id} lost the race with other writes {Attempts} times in a row; giving up")]
    private partial void LogGaveUp(string messageName, Guid id, int attempts);
}
