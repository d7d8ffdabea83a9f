namespace Leads.Application.Categories.Models;

public sealed record CategoryDto(Guid Id, string Name, string? Description, DateTimeOffset UpdatedAt);
