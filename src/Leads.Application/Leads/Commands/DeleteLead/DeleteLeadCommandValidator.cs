using FluentValidation;

namespace Leads.Application.Leads.Commands.DeleteLead;

public sealed class DeleteLeadCommandValidator : AbstractValidator<DeleteLeadCommand>
{
    public DeleteLeadCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        // Clients send the expected version as "version" (body or query), so errors are reported under that name.
        RuleFor(c => c.ExpectedVersion).GreaterThan(0).OverridePropertyName("Version");
    }
}
