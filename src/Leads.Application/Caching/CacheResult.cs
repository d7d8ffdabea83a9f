namespace Leads.Application.Caching;

public readonly record struct CacheResult<T>(T? Value, CacheOutcome Outcome, CachedPayload? Payload)
{
    public bool HasValue => Outcome is CacheOutcome.HitL1 or CacheOutcome.HitL2;
}
