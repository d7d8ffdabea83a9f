using FluentValidation;
using Leads.Application.Common.Validation;

namespace Leads.Application.Categories.Commands.CreateCategory;

public sealed class CreateCategoryCommandValidator : AbstractValidator<CreateCategoryCommand>
{
    public CreateCategoryCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).SingleLineText();
        RuleFor(c => c.Description).MaximumLength(500).MultiLineText();
    }
}
