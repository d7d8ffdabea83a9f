using Leads.Domain.Leads;

namespace Leads.Application.Leads;

/// <summary>
/// Loads and stores the lead aggregate for commands. A lead is read from the database-level cache (the same
/// <c>LeadRecord</c> entry reads use) and tracked from there: the save's optimistic check (<c>WHERE Version = …</c>)
/// proves it was current, and a save that finds the row moved on fails as a conflict, after which reads go to
/// the database (<see cref="Common.Interfaces.IUnitOfWork.DiscardChanges"/>).
/// </summary>
public interface ILeadRepository
{
    /// <summary>
    /// The lead, or null when it does not exist. A cached copy older than <paramref name="minimumVersion"/> (the
    /// version a caller says it saw) is not trusted: the row is read.
    /// </summary>
    Task<Lead?> FindAsync(Guid id, long? minimumVersion, CancellationToken cancellationToken);

    void Add(Lead lead);

    void Remove(Lead lead);
}
