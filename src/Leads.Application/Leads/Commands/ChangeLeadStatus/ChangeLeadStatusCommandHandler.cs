using Leads.Application.Common.Interfaces;
using Leads.Application.Leads.Models;
using Mediator;

namespace Leads.Application.Leads.Commands.ChangeLeadStatus;

public sealed class ChangeLeadStatusCommandHandler(
    ILeadRepository leads,
    LeadCommandSupport support,
    IUnitOfWork unitOfWork,
    IClock clock) : ICommandHandler<ChangeLeadStatusCommand, LeadDto>
{
    public async ValueTask<LeadDto> Handle(ChangeLeadStatusCommand command, CancellationToken cancellationToken)
    {
        var lead = await support.LoadForChangeAsync(leads, command.Id, command.ExpectedVersion, cancellationToken);
        lead.ChangeStatus(command.Status, clock.UtcNow);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await support.AnswerAsync(lead, cancellationToken);
    }
}
