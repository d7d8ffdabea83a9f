using Leads.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence.Repositories;

public sealed class TeamDirectory(LeadsDbContext db) : ITeamDirectory
{
    public Task<bool> ExistsAsync(Guid teamId, CancellationToken cancellationToken) =>
        db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken);

    public async Task<IReadOnlyList<Guid>> ListIdsAsync(CancellationToken cancellationToken) =>
        await db.Teams.AsNoTracking().Select(t => t.Id).ToArrayAsync(cancellationToken);
}
