namespace Leads.Application.Caching;

/// <summary>The cache levels that live in Redis; each gets its own key namespace.</summary>
public enum CacheLevel
{
    /// <summary>Service level: fully formed query results (namespace <c>api</c>).</summary>
    Api = 0,

    /// <summary>Database level: repository read results (namespace <c>db</c>).</summary>
    Db = 1,
}
