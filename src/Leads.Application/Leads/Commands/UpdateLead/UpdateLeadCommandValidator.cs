using FluentValidation;

namespace Leads.Application.Leads.Commands.UpdateLead;

public sealed class UpdateLeadCommandValidator : AbstractValidator<UpdateLeadCommand>
{
    public UpdateLeadCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        // Clients send the expected version as "version" (body or query), so errors are reported under that name.
        RuleFor(c => c.ExpectedVersion).GreaterThan(0).OverridePropertyName("Version");
        this.AddLeadFieldRules(c => c);
    }
}
