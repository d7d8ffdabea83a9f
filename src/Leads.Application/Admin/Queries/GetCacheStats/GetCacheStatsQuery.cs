using Leads.Application.Admin.Models;
using Mediator;

namespace Leads.Application.Admin.Queries.GetCacheStats;

/// <summary>Cache statistics of the instance that answers (not cached: it describes the cache).</summary>
public sealed record GetCacheStatsQuery(int HotKeys = 20) : IQuery<CacheStatsDto>;
