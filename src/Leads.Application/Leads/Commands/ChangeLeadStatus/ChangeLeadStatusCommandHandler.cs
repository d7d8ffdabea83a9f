using Leads.Application.Common.Exceptions;
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

        // Nothing to save (the status it has) or a refused move: no version check at a save proves what this answer
        // is decided on, so a lead rebuilt from a cached copy is checked against the row first (a copy that is behind
        // makes it run again from the row, see LastWriterWinsBehavior).
        if (!lead.WouldMoveTo(command.Status) && !await leads.IsCurrentAsync(lead, cancellationToken))
        {
            throw new ConcurrencyConflictException("Lead", lead.Id, lead.Version);
        }

        lead.ChangeStatus(command.Status, clock.UtcNow);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await support.AnswerAsync(lead, cancellationToken);
    }
}
