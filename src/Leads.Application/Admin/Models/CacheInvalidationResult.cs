namespace Leads.Application.Admin.Models;

/// <summary><paramref name="Removed"/> counts deleted keys; a tag invalidation deletes none, it makes entries stale.</summary>
public sealed record CacheInvalidationResult(string Mode, long Removed, IReadOnlyList<string> Tags);
