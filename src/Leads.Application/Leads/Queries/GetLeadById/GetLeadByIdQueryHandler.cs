using Leads.Application.Common.Exceptions;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Leads.Queries.GetLeadById;

public sealed class GetLeadByIdQueryHandler(ILeadReadRepository leads, ICurrentUser currentUser)
    : IQueryHandler<GetLeadByIdQuery, LeadDto>
{
    public async ValueTask<LeadDto> Handle(GetLeadByIdQuery query, CancellationToken cancellationToken)
    {
        var scope = currentUser.RequireAccess().Scope;

        // The lead's database-level entry is shared by every team. A member is checked against Postgres before it
        // is read, so whether another team's lead was read recently (the entry warm) changes neither the answer nor
        // its cost; an admin sees every lead and needs no check.
        if (!scope.IsAdmin && !await leads.IsVisibleAsync(query.Id, scope, cancellationToken))
        {
            throw new NotFoundException("Lead", query.Id);
        }

        var lead = await leads.GetByIdAsync(query.Id, cancellationToken);

        // A lead of another team is reported as missing, so its existence does not leak.
        if (lead is null || !scope.CanSee(lead.TeamId))
        {
            throw new NotFoundException("Lead", query.Id);
        }

        return lead;
    }
}
