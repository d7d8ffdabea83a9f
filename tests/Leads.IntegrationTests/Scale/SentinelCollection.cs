namespace Leads.IntegrationTests.Scale;

/// <summary>
/// The Sentinel tests run one class at a time: each starts five redis-servers and API hosts of its own, and the
/// failover is timed; on two cores they would otherwise compete with each other for the CPU.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SentinelCollection
{
    public const string Name = "sentinel";
}
