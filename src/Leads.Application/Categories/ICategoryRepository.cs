using Leads.Application.Categories.Models;
using Leads.Domain.Categories;

namespace Leads.Application.Categories;

public interface ICategoryRepository
{
    Task<IReadOnlyList<CategoryDto>> ListAsync(CancellationToken cancellationToken);

    Task<LeadCategory?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> NameExistsAsync(string name, Guid? exceptId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> IsInUseAsync(Guid id, CancellationToken cancellationToken);

    void Add(LeadCategory category);

    void Remove(LeadCategory category);
}
