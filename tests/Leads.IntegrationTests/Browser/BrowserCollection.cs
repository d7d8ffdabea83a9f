namespace Leads.IntegrationTests.Browser;

/// <summary>The browser tests share one API on a socket and one chromium, and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DashboardApiFactory>, ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
