using FluentValidation;

namespace Leads.Application.Leads.Commands.ChangeLeadStatus;

public sealed class ChangeLeadStatusCommandValidator : AbstractValidator<ChangeLeadStatusCommand>
{
    public ChangeLeadStatusCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Status).IsInEnum();
        // Clients send the expected version as "version" (body or query), so errors are reported under that name.
        RuleFor(c => c.ExpectedVersion).GreaterThan(0).OverridePropertyName("Version");
    }
}
