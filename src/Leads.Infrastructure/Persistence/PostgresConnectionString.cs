using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Leads.Infrastructure.Persistence;

/// <summary>
/// The connection string every Postgres client of the process uses: the DbContext and the readiness check share
/// it, so they share one Npgsql pool (a pool that saw Postgres restart drops its dead connections for both).
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>Statements Npgsql prepares per connection once they have run a few times (only when the string does not say).</summary>
    public const int AutoPreparedStatements = 32;

    /// <summary>
    /// <c>ConnectionStrings:Postgres</c> with two defaults the string can override:
    /// <list type="bullet">
    /// <item><c>No Reset On Close=true</c>. Npgsql otherwise runs <c>DISCARD ALL</c> before the first statement
    /// of every pooled open, and EF opens one per query outside a transaction: 3.8 per write under the write mix
    /// (benchmarks.md, "Where a write's cost goes"). Nothing here keeps session state across opens (no
    /// <c>SET</c>, temporary tables, <c>LISTEN</c> or session advisory locks).</item>
    /// <item><c>Max Auto Prepare</c> (<see cref="AutoPreparedStatements"/>): the few statement shapes a request
    /// runs are parsed and planned once per connection instead of on every call.</item>
    /// </list>
    /// </summary>
    public static string From(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");

        // The generic builder lists only the keys the string sets (Npgsql's answers for every keyword it knows).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys
            .Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.ConnectionString;
    }
}
