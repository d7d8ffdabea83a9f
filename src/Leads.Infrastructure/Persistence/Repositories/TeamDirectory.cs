using Leads.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence.Repositories;

public sealed class TeamDirectory(LeadsDbContext db) : ITeamDirectory
{
    public Task<bool> ExistsAsync(Guid teamId, CancellationToken cancellationToken) =>
        db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken);
}
