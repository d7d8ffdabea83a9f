namespace Leads.IntegrationTests.Infrastructure;

/// <summary>Where the real Postgres and Redis of the test run are (build.ps1 test starts private ones and sets these).</summary>
public static class TestServices
{
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
        ?? "Host=127.0.0.1;Port=55432;Database=leads;Username=postgres;Maximum Pool Size=200";

    public static string Redis =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:56379";

    /// <summary>The server connection string pointed at another database.</summary>
    public static string Postgres(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString;
}
