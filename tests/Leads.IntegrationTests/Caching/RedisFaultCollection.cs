namespace Leads.IntegrationTests.Caching;

/// <summary>
/// Fault tests measure request latency, so they run alone: after the parallel collections, one at a time,
/// without other hosts competing for the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisFaultCollection
{
    public const string Name = "redis-faults";
}
