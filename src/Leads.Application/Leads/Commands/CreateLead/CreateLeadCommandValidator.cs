using FluentValidation;

namespace Leads.Application.Leads.Commands.CreateLead;

public sealed class CreateLeadCommandValidator : AbstractValidator<CreateLeadCommand>
{
    public CreateLeadCommandValidator()
    {
        this.AddLeadFieldRules(c => c);
    }
}
