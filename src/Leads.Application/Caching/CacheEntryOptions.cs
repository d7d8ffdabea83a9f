namespace Leads.Application.Caching;

/// <summary>Per-call options: the policy that applies and the tags the entry depends on.</summary>
public sealed record CacheEntryOptions(CachePolicy Policy, IReadOnlyList<string> Tags);
