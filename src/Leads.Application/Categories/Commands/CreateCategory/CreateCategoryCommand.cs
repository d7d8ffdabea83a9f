using Leads.Application.Categories.Models;
using Mediator;

namespace Leads.Application.Categories.Commands.CreateCategory;

public sealed record CreateCategoryCommand(string Name, string? Description) : ICommand<CategoryDto>;
