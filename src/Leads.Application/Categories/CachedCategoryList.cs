using Leads.Application.Caching;
using Leads.Application.Categories.Models;
using Leads.Application.Categories.Queries.GetCategories;

namespace Leads.Application.Categories;

/// <summary>
/// The category list as <c>GET /api/leads/categories</c> caches it (same policy, key and tag), for the handlers
/// that only need names: a write's answer and the summary. Reading it from the repository instead cost a SQL query
/// per write and per summary miss, and categories change rarely (a change bumps <see cref="CacheTags.Categories"/>).
/// </summary>
public sealed class CachedCategoryList(ICategoryRepository categories, CachedCall cachedCall)
{
    private static readonly GetCategoriesQuery Query = new();

    public async ValueTask<IReadOnlyList<CategoryDto>> ListAsync(CancellationToken cancellationToken) =>
        (await cachedCall.RunAsync<IReadOnlyList<CategoryDto>>(
            Query.CachePolicy,
            CacheKey.SharedPartition,
            Query.CacheKey,
            Query.GetCacheTags(null),
            async ct => await categories.ListAsync(ct),
            cancellationToken)).Value ?? [];

    /// <summary>The name of one category, empty when it is not (or no longer) in the list.</summary>
    public async ValueTask<string> NameOfAsync(Guid categoryId, CancellationToken cancellationToken)
    {
        foreach (var category in await ListAsync(cancellationToken))
        {
            if (category.Id == categoryId)
            {
                return category.Name;
            }
        }

        return string.Empty;
    }
}
