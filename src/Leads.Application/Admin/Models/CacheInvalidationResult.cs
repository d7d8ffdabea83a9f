namespace Leads.Application.Admin.Models;

/// <summary>
/// <paramref name="Removed"/> counts deleted keys; a tag invalidation deletes none, it makes entries stale.
/// <paramref name="Rewarmed"/> counts the hottest service-level entries this instance reloaded right after it (0 when
/// warming is switched off).
/// </summary>
public sealed record CacheInvalidationResult(string Mode, long Removed, IReadOnlyList<string> Tags, int Rewarmed = 0);
