using Leads.Application.Common.Exceptions;

namespace Leads.Application.Common.Interfaces;

/// <summary>Commits tracked changes; domain events are published after the commit succeeds.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Commits. When a row was changed by another write since it was read, throws
    /// <see cref="ConcurrencyConflictException"/> (with the row's current version), or
    /// <see cref="NotFoundException"/> when the row has been deleted meanwhile.
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Forgets every loaded entity and the domain events they have not published, so that the next read loads
    /// current rows and the next save writes only what is changed after this call.
    /// </summary>
    void DiscardChanges();
}
