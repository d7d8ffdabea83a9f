using FluentValidation;

namespace Leads.Application.Leads.Commands.DeleteLead;

public sealed class DeleteLeadCommandValidator : AbstractValidator<DeleteLeadCommand>
{
    public DeleteLeadCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.ExpectedVersion).GreaterThan(0);
    }
}
