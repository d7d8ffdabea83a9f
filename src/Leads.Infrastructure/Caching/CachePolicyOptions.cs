using Leads.Application.Caching;

namespace Leads.Infrastructure.Caching;

public sealed class CachePolicyOptions
{
    public CacheLevel? Level { get; set; }

    public TimeSpan? Duration { get; set; }

    public bool? Enabled { get; set; }

    /// <summary>Whether entries of this policy may also live in the in-process tier.</summary>
    public bool? UseL1 { get; set; }
}
