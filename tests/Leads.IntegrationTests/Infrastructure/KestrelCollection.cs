namespace Leads.IntegrationTests.Infrastructure;

/// <summary>Test classes that need the API on a real socket share one Kestrel host and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class KestrelCollection : ICollectionFixture<KestrelLeadsApiFactory>
{
    public const string Name = "kestrel";
}
