namespace Leads.Application.Caching;

public enum CacheOutcome
{
    /// <summary>Served from the in-process tier.</summary>
    HitL1 = 0,

    /// <summary>Served from Redis.</summary>
    HitL2 = 1,

    /// <summary>Not cached (or stale); the loader ran and the result was stored.</summary>
    Miss = 2,

    /// <summary>The policy or level is switched off; the loader ran and nothing was stored.</summary>
    Bypass = 3,

    /// <summary>Redis failed or its circuit is open; the loader ran from the source of truth.</summary>
    Unavailable = 4,
}
