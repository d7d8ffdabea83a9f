using Leads.Application.Caching;
using Leads.Application.Categories.Models;
using Leads.Application.Security;

namespace Leads.Application.Categories.Queries.GetCategories;

/// <summary>The category list is the same for every caller, so it is cached once, not per scope.</summary>
public sealed record GetCategoriesQuery : ICacheableQuery<IReadOnlyList<CategoryDto>>
{
    public string CachePolicy => CachePolicies.Categories;

    public string CacheKey => "list";

    public bool VariesByCaller => false;

    public IReadOnlyList<string> GetCacheTags(VisibilityScope? scope) => [CacheTags.Categories];
}
