namespace Leads.Application.Common.Interfaces;

/// <summary>Commits tracked changes; domain events are published after the commit succeeds.</summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
