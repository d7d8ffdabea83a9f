using FluentValidation;

namespace Leads.Application.Leads.Commands.UpdateLead;

public sealed class UpdateLeadCommandValidator : AbstractValidator<UpdateLeadCommand>
{
    public UpdateLeadCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.ExpectedVersion).GreaterThan(0);
        this.AddLeadFieldRules(c => c);
    }
}
