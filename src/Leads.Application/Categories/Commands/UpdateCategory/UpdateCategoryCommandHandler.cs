using Leads.Application.Categories.Models;
using Leads.Application.Common.Exceptions;
using Leads.Application.Common.Interfaces;
using Leads.Application.Security;
using Mapster;
using Mediator;

namespace Leads.Application.Categories.Commands.UpdateCategory;

public sealed class UpdateCategoryCommandHandler(ICategoryRepository categories, IUnitOfWork unitOfWork, IClock clock, ICurrentUser currentUser, TypeAdapterConfig mapping)
    : ICommandHandler<UpdateCategoryCommand, CategoryDto>
{
    public async ValueTask<CategoryDto> Handle(UpdateCategoryCommand command, CancellationToken cancellationToken)
    {
        currentUser.RequireAdmin();
        var category = await categories.FindAsync(command.Id, cancellationToken) ?? throw new NotFoundException("Category", command.Id);
        var name = command.Name.Trim();
        if (await categories.NameExistsAsync(name, command.Id, cancellationToken))
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Name", "A category with this name exists.")]);
        }

        category.Rename(name, command.Description, clock.UtcNow);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return category.Adapt<CategoryDto>(mapping);
    }
}
