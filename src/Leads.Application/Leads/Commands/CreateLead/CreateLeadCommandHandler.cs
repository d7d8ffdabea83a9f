using Leads.Application.Common.Interfaces;
using Leads.Application.Leads.Models;
using Mediator;

namespace Leads.Application.Leads.Commands.CreateLead;

public sealed class CreateLeadCommandHandler(
    ILeadRepository leads,
    LeadCommandSupport support,
    IUnitOfWork unitOfWork,
    IClock clock) : ICommandHandler<CreateLeadCommand, LeadDto>
{
    public async ValueTask<LeadDto> Handle(CreateLeadCommand command, CancellationToken cancellationToken)
    {
        var teamId = await support.ResolveTeamAsync(command.TeamId, null, cancellationToken);
        await support.EnsureCategoryExistsAsync(command.CategoryId, null, cancellationToken);
        await support.EnsureOwnerExistsAsync(command.OwnerUserId, null, cancellationToken);

        var lead = Domain.Leads.Lead.Create(support.ToDetails(command), teamId, command.OwnerUserId, clock.UtcNow);
        leads.Add(lead);
        await unitOfWork.SaveChangesAsync(cancellationToken);

        return await support.AnswerAsync(lead, cancellationToken);
    }
}
