using Leads.Application.Categories;
using Leads.Application.Categories.Models;
using Leads.Domain.Categories;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence.Repositories;

public sealed class CategoryRepository(LeadsDbContext db) : ICategoryRepository
{
    public async Task<IReadOnlyList<CategoryDto>> ListAsync(CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new CategoryDto(c.Id, c.Name, c.Description, c.UpdatedAt))
            .ToListAsync(cancellationToken);

    public Task<LeadCategory?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<bool> NameExistsAsync(string name, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Categories.AnyAsync(c => c.Name.ToLower() == name.ToLower() && c.Id != exceptId, cancellationToken);

    public Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Categories.AnyAsync(c => c.Id == id, cancellationToken);

    public Task<bool> IsInUseAsync(Guid id, CancellationToken cancellationToken) =>
        db.Leads.AnyAsync(l => l.CategoryId == id, cancellationToken);

    public void Add(LeadCategory category) => db.Categories.Add(category);

    public void Remove(LeadCategory category) => db.Categories.Remove(category);
}
