namespace Leads.IntegrationTests.Infrastructure;

/// <summary>Test classes of this collection share one API host (start-up and migrations run once) and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<LeadsApiFactory>
{
    public const string Name = "api";
}
