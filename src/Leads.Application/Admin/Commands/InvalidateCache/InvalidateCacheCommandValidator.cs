using FluentValidation;
using Leads.Application.Common.Validation;

namespace Leads.Application.Admin.Commands.InvalidateCache;

public sealed class InvalidateCacheCommandValidator : AbstractValidator<InvalidateCacheCommand>
{
    public InvalidateCacheCommandValidator()
    {
        RuleFor(c => c)
            .Must(c => (c.All ? 1 : 0) + (c.Tag is null ? 0 : 1) + (c.Pattern is null && c.Namespace is null ? 0 : 1) == 1)
            .WithName("request")
            .WithMessage("Give exactly one of: all=true, tag, or namespace and/or pattern.");
        RuleFor(c => c.Namespace)
            .Must(n => n is null || n is "api" or "db")
            .WithMessage("Namespace must be 'api' or 'db'.");
        RuleFor(c => c.Tag).MaximumLength(200).Matches("^[a-z0-9:-]+$").When(c => c.Tag is not null)
            .WithMessage("A tag is lower-case letters, digits, ':' and '-' (for example 'lead:<id without dashes>' or 'categories').");
        RuleFor(c => c.Pattern).NotEmpty().MaximumLength(200).SingleLineText().When(c => c.Pattern is not null);
    }
}
