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
        var lead = await leads.GetByIdAsync(query.Id, cancellationToken);

        // A lead of another team is reported as missing, so its existence does not leak.
        if (lead is null || !scope.CanSee(lead.TeamId))
        {
            throw new NotFoundException("Lead", query.Id);
        }

        return lead;
    }
}
