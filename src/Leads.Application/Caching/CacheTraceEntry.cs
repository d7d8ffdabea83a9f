namespace Leads.Application.Caching;

public readonly record struct CacheTraceEntry(CacheLevel Level, string Policy, CacheOutcome Outcome);
