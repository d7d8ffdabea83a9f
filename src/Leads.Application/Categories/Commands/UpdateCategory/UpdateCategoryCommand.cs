using Leads.Application.Categories.Models;
using Mediator;

namespace Leads.Application.Categories.Commands.UpdateCategory;

public sealed record UpdateCategoryCommand(Guid Id, string Name, string? Description) : ICommand<CategoryDto>;
