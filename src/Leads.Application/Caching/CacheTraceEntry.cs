namespace Leads.Application.Caching;

/// <summary>One lookup of a request; <paramref name="Stored"/> says whether a miss put its answer into the cache (null answers are not stored).</summary>
public readonly record struct CacheTraceEntry(CacheLevel Level, string Policy, CacheOutcome Outcome, bool Stored);
