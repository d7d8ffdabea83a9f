namespace Leads.IntegrationTests.Infrastructure;

/// <summary>
/// An API host on a real Kestrel socket whose database lives on a Postgres server of the test's choosing, usually a
/// private one to stop: an outage is met over real connections, as clients meet it.
/// </summary>
public sealed class OwnPostgresApiFactory : LeadsApiFactory
{
    private readonly string _postgresServer;

    public OwnPostgresApiFactory(string postgresServer)
    {
        _postgresServer = postgresServer;
        UseKestrel(0);
    }

    public override string PostgresServer => _postgresServer;
}
