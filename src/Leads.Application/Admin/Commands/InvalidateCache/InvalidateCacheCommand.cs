using Leads.Application.Admin.Models;
using Mediator;

namespace Leads.Application.Admin.Commands.InvalidateCache;

/// <summary>
/// Bulk invalidation for operators. Exactly one of: <paramref name="Tag"/> (O(1), every level),
/// <paramref name="Pattern"/> (SCAN, '*' is the only wildcard) optionally within <paramref name="Namespace"/>,
/// <paramref name="Namespace"/> alone (the whole level), or <paramref name="All"/>.
/// </summary>
public sealed record InvalidateCacheCommand(string? Namespace, string? Tag, string? Pattern, bool All) : ICommand<CacheInvalidationResult>;
