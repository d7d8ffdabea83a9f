using FluentValidation;

namespace Leads.Application.Leads.Commands.ChangeLeadStatus;

public sealed class ChangeLeadStatusCommandValidator : AbstractValidator<ChangeLeadStatusCommand>
{
    public ChangeLeadStatusCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Status).IsInEnum();
        RuleFor(c => c.ExpectedVersion).GreaterThan(0);
    }
}
