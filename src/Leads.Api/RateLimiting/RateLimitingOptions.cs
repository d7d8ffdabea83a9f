namespace Leads.Api.RateLimiting;

/// <summary>
/// Bound from <c>RateLimiting</c> (docs/security.md and docs/operations.md give the reasons for the defaults).
/// Password guessing is bounded per user name and per client address; bulk cache invalidation per admin; and the
/// whole API sheds load before the thread pool starves.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Token requests naming one user name, from any address: bounds guessing one account's password.</summary>
    public FixedWindowLimit TokenPerUserName { get; set; } = new() { PermitLimit = 10 };

    /// <summary>Token requests from one client address, for any user name: bounds one client trying many accounts.</summary>
    public FixedWindowLimit TokenPerClient { get; set; } = new() { PermitLimit = 30 };

    /// <summary>Cache invalidations (DELETE /api/admin/cache) per admin: each one makes the next reads miss.</summary>
    public FixedWindowLimit CacheInvalidationPerUser { get; set; } = new() { PermitLimit = 30 };

    /// <summary>Requests in flight across the whole API (health probes excepted).</summary>
    public ConcurrencyLimit Concurrency { get; set; } = new();
}
