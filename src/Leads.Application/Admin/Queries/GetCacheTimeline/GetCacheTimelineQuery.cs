using Leads.Application.Admin.Models;
using Mediator;

namespace Leads.Application.Admin.Queries.GetCacheTimeline;

/// <summary>The dashboard's samples and heat map of the answering instance (not cached: it describes the cache).</summary>
public sealed record GetCacheTimelineQuery(int HotKeys = 10) : IQuery<CacheTimelineDto>;
