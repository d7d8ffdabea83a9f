using FluentValidation;
using Leads.Application.Common.Validation;

namespace Leads.Application.Categories.Commands.UpdateCategory;

public sealed class UpdateCategoryCommandValidator : AbstractValidator<UpdateCategoryCommand>
{
    public UpdateCategoryCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).SingleLineText();
        RuleFor(c => c.Description).MaximumLength(500).MultiLineText();
    }
}
