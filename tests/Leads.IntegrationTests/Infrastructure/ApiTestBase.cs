namespace Leads.IntegrationTests.Infrastructure;

/// <summary>Base of tests on the shared host: every test starts from the seeded database and an empty cache.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTestBase(LeadsApiFactory factory) : IAsyncLifetime
{
    protected LeadsApiFactory Factory { get; } = factory;

    public virtual Task InitializeAsync() => Factory.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
