using Leads.Application.Security;

namespace Leads.Application.Caching;

/// <summary>
/// The query behind a hot service-level key and the visibility scope it ran for: what the warmer needs to
/// reload the key through the normal pipeline. <paramref name="Scope"/> is null for answers shared by every caller.
/// </summary>
public sealed record HotQuery(string Key, object Query, VisibilityScope? Scope);
