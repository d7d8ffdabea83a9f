namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>A key's estimated count; the true count lies between <c>Count - Error</c> and <c>Count</c>.</summary>
public readonly record struct HotKeyEstimate(string Key, long Count, long Error);
