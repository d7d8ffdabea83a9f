namespace Leads.Application.Admin.Models;

/// <summary>Lookups and hits of one level in one interval; at the http level a hit is a 304, a lookup a GET answered with a validator.</summary>
public sealed record LevelHitRatioDto(string Level, long Lookups, long Hits, double? HitRatio);
