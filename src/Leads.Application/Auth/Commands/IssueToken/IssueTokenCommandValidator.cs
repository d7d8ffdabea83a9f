using FluentValidation;
using Leads.Application.Common.Validation;

namespace Leads.Application.Auth.Commands.IssueToken;

public sealed class IssueTokenCommandValidator : AbstractValidator<IssueTokenCommand>
{
    public IssueTokenCommandValidator()
    {
        RuleFor(c => c.Username).NotEmpty().MaximumLength(100).SingleLineText();
        RuleFor(c => c.Password).NotEmpty().MaximumLength(200).SingleLineText();
    }
}
