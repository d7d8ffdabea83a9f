using Mediator;

namespace Leads.Application.Common.Behaviors;

/// <summary>
/// A write to one aggregate that may state the version it was based on. Without one it is last-writer-wins, and
/// <see cref="LastWriterWinsBehavior{TMessage,TResponse}"/> runs it again when another write commits between
/// its read and its save. With one, a conflict is the answer the caller asked for and is never retried.
/// </summary>
public interface IVersionedCommand<TResponse> : ICommand<TResponse>
{
    /// <summary>The aggregate written; retries of writes to the same id take turns (<see cref="WriteTurns"/>).</summary>
    Guid Id { get; }

    /// <summary>The version the caller edited (from <c>version</c> or <c>If-Match</c>), or null for an unconditional write.</summary>
    long? ExpectedVersion { get; }
}
