using Leads.Application.Common.Interfaces;
using Leads.Application.Leads.Models;
using Mediator;

namespace Leads.Application.Leads.Commands.UpdateLead;

public sealed class UpdateLeadCommandHandler(
    ILeadRepository leads,
    LeadCommandSupport support,
    IUnitOfWork unitOfWork,
    IClock clock) : ICommandHandler<UpdateLeadCommand, LeadDto>
{
    public async ValueTask<LeadDto> Handle(UpdateLeadCommand command, CancellationToken cancellationToken)
    {
        var lead = await support.LoadForChangeAsync(leads, command.Id, command.ExpectedVersion, cancellationToken);
        var teamId = await support.ResolveTeamAsync(command.TeamId, lead.TeamId, cancellationToken);
        await support.EnsureCategoryExistsAsync(command.CategoryId, lead.CategoryId, cancellationToken);
        await support.EnsureOwnerExistsAsync(command.OwnerUserId, lead.OwnerUserId, cancellationToken);

        lead.Update(support.ToDetails(command), teamId, command.OwnerUserId, clock.UtcNow);
        await unitOfWork.SaveChangesAsync(cancellationToken);

        return await support.AnswerAsync(lead, cancellationToken);
    }
}
