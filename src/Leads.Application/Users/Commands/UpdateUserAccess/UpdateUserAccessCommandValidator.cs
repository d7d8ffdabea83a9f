using FluentValidation;

namespace Leads.Application.Users.Commands.UpdateUserAccess;

public sealed class UpdateUserAccessCommandValidator : AbstractValidator<UpdateUserAccessCommand>
{
    public UpdateUserAccessCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.TeamIds).NotNull().Must(t => t.Count <= 50).WithMessage("At most 50 teams.");
        RuleForEach(c => c.TeamIds).NotEmpty();
    }
}
