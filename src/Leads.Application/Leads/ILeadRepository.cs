using Leads.Domain.Leads;

namespace Leads.Application.Leads;

/// <summary>
/// Loads and stores the lead aggregate for commands. A lead is read from the database-level cache (the same
/// <c>LeadRecord</c> entry reads use) and tracked from there: the save's optimistic check (<c>WHERE Version = …</c>)
/// proves it was current, and a save that finds the row moved on fails as a conflict, after which reads go to
/// the database (<see cref="Common.Interfaces.IUnitOfWork.DiscardChanges"/>). A decision made on a copy that no
/// save will check (no change, a refused move) is checked with <see cref="IsCurrentAsync"/>.
/// </summary>
public interface ILeadRepository
{
    /// <summary>
    /// The lead, or null when it does not exist. A caller that states the version it saw
    /// (<paramref name="expectedVersion"/>) gets the row, so its answer (the change, 409 or 412) is decided on it.
    /// </summary>
    Task<Lead?> FindAsync(Guid id, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="lead"/> is as stored now: always for a row read here, one small query for a lead rebuilt from a cached copy.</summary>
    Task<bool> IsCurrentAsync(Lead lead, CancellationToken cancellationToken);

    void Add(Lead lead);

    void Remove(Lead lead);
}
