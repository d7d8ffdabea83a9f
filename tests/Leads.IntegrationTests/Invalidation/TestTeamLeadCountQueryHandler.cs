using Leads.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Invalidation;

public sealed class TestTeamLeadCountQueryHandler(LeadsDbContext db) : IQueryHandler<TestTeamLeadCountQuery, TeamLeadCountDto>
{
    public async ValueTask<TeamLeadCountDto> Handle(TestTeamLeadCountQuery query, CancellationToken cancellationToken) =>
        new(query.TeamId, await db.Leads.CountAsync(l => l.TeamId == query.TeamId, cancellationToken));
}
