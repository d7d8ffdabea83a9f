using Leads.Application.Admin.Models;

namespace Leads.Application.Caching;

/// <summary>Read side of the operators' dashboard: the cache sampled over time and the hottest keys per level and bucket.</summary>
public interface ICacheTimeline
{
    CacheTimelineDto Read(int hotKeysPerLevel);
}
