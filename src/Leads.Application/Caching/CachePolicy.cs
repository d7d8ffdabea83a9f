namespace Leads.Application.Caching;

/// <summary>How one kind of answer is cached; resolved from <c>Caching:Policies:{Name}</c>.</summary>
public sealed record CachePolicy(string Name, CacheLevel Level, TimeSpan Duration, bool Enabled, bool UseL1);
