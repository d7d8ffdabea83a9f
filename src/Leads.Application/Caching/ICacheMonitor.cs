using Leads.Application.Admin.Models;

namespace Leads.Application.Caching;

/// <summary>Read side of cache monitoring for operators (hit ratios, hot keys, memory).</summary>
public interface ICacheMonitor
{
    Task<CacheStatsDto> GetStatsAsync(int hotKeys, CancellationToken cancellationToken);
}
