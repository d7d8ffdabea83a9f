using Leads.Application.Common.Interfaces;
using Mediator;

namespace Leads.Application.Leads.Commands.DeleteLead;

public sealed class DeleteLeadCommandHandler(ILeadRepository leads, LeadCommandSupport support, IUnitOfWork unitOfWork)
    : ICommandHandler<DeleteLeadCommand>
{
    public async ValueTask<Unit> Handle(DeleteLeadCommand command, CancellationToken cancellationToken)
    {
        var lead = await support.LoadForChangeAsync(leads, command.Id, command.ExpectedVersion, cancellationToken);
        lead.MarkDeleted();
        leads.Remove(lead);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
