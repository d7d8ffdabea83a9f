using Leads.Application.Categories.Models;
using Leads.Application.Common.Interfaces;
using Leads.Application.Security;
using Leads.Domain.Categories;
using Mapster;
using Mediator;

namespace Leads.Application.Categories.Commands.CreateCategory;

public sealed class CreateCategoryCommandHandler(ICategoryRepository categories, IUnitOfWork unitOfWork, IClock clock, ICurrentUser currentUser, TypeAdapterConfig mapping)
    : ICommandHandler<CreateCategoryCommand, CategoryDto>
{
    public async ValueTask<CategoryDto> Handle(CreateCategoryCommand command, CancellationToken cancellationToken)
    {
        currentUser.RequireAdmin();
        var name = command.Name.Trim();
        if (await categories.NameExistsAsync(name, null, cancellationToken))
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Name", "A category with this name exists.")]);
        }

        var category = LeadCategory.Create(name, command.Description, clock.UtcNow);
        categories.Add(category);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return category.Adapt<CategoryDto>(mapping);
    }
}
