using Leads.Application.Common.Exceptions;
using Leads.Application.Common.Interfaces;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Categories.Commands.DeleteCategory;

public sealed class DeleteCategoryCommandHandler(ICategoryRepository categories, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : ICommandHandler<DeleteCategoryCommand>
{
    public async ValueTask<Unit> Handle(DeleteCategoryCommand command, CancellationToken cancellationToken)
    {
        currentUser.RequireAdmin();
        var category = await categories.FindAsync(command.Id, cancellationToken) ?? throw new NotFoundException("Category", command.Id);
        if (await categories.IsInUseAsync(command.Id, cancellationToken))
        {
            throw new ConflictException("The category is used by leads; move them first.");
        }

        category.MarkDeleted();
        categories.Remove(category);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
