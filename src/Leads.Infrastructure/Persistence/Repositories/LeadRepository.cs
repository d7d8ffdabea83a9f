using Leads.Application.Leads;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence.Repositories;

/// <summary>
/// The lead aggregate for commands, read through the database-level cache (<see cref="ILeadReadRepository"/>, policy
/// LeadRecord) and attached unchanged, so a write costs its UPDATE and no SELECT of its own when the lead is cached.
/// The UPDATE's version check is what makes the copy safe: a copy that was not current fails the save as a
/// conflict. After a conflict (<see cref="LeadsDbContext.ReadsCurrentRows"/>) and for a caller who states the
/// version it saw, the row is read.
/// </summary>
public sealed class LeadRepository(LeadsDbContext db, ILeadReadRepository reads) : ILeadRepository
{
    private readonly HashSet<Lead> _fromCopies = new(ReferenceEqualityComparer.Instance);

    public async Task<Lead?> FindAsync(Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var tracked = db.Leads.Local.FirstOrDefault(l => l.Id == id);
        if (tracked is not null)
        {
            return tracked;
        }

        if (!db.ReadsCurrentRows && expectedVersion is null)
        {
            var copy = await reads.GetByIdAsync(id, cancellationToken);
            if (copy is null)
            {
                // Not cached as missing: this came from the database just now.
                return null;
            }

            var lead = Restore(copy);
            db.Leads.Attach(lead);
            _fromCopies.Add(lead);
            return lead;
        }

        return await db.Leads.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
    }

    public async Task<bool> IsCurrentAsync(Lead lead, CancellationToken cancellationToken) =>
        !_fromCopies.Contains(lead)
        || await db.Leads.AsNoTracking().Where(l => l.Id == lead.Id).Select(l => (long?)l.Version).FirstOrDefaultAsync(cancellationToken) == lead.Version;

    public void Add(Lead lead) => db.Leads.Add(lead);

    public void Remove(Lead lead) => db.Leads.Remove(lead);

    private static Lead Restore(LeadDto copy) => Lead.Restore(
        copy.Id,
        new LeadDetails(copy.Name, copy.Email, copy.Company, copy.Phone, copy.Source, copy.CategoryId, copy.EstimatedValue, copy.Score, copy.Notes),
        copy.Status,
        copy.TeamId,
        copy.OwnerUserId,
        copy.CreatedAt,
        copy.UpdatedAt,
        copy.Version);
}
