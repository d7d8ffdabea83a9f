namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>One time bucket of the hot-key ranking: per level index, the counted keys and the largest possible over-estimate.</summary>
public sealed record HotKeyBucket(DateTimeOffset Start, IReadOnlyList<IReadOnlyList<HotKeyEstimate>> Levels, IReadOnlyList<long> MaxErrors);
