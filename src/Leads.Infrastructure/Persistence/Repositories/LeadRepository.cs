using Leads.Application.Leads;
using Leads.Domain.Leads;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence.Repositories;

public sealed class LeadRepository(LeadsDbContext db) : ILeadRepository
{
    public Task<Lead?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Leads.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);

    public void Add(Lead lead) => db.Leads.Add(lead);

    public void Remove(Lead lead) => db.Leads.Remove(lead);
}
