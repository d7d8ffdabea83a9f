using Leads.Domain.Leads;

namespace Leads.Application.Leads;

/// <summary>Loads and stores the lead aggregate for commands (tracked, never cached).</summary>
public interface ILeadRepository
{
    Task<Lead?> FindAsync(Guid id, CancellationToken cancellationToken);

    void Add(Lead lead);

    void Remove(Lead lead);
}
