using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Resilience;

/// <summary>A private Postgres cluster and an API host whose database lives on it, so tests can stop the database under the API.</summary>
public sealed class PostgresOutageFixture : IAsyncLifetime
{
    public PostgresServerProcess Postgres { get; private set; } = null!;

    public OwnPostgresApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServerProcess.StartAsync();
        Factory = new OwnPostgresApiFactory(Postgres.ConnectionString);
        await Factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Postgres.StartAgainAsync();
            await Factory.DisposeAsync();
        }
        finally
        {
            Postgres.Dispose();
        }
    }
}
