using Npgsql;

namespace Leads.Api.Errors;

/// <summary>
/// Tells an outage of Postgres (it is stopped, restarting, unreachable or not answering in time) from a fault of
/// the request or of the code. An outage is worth retrying and is answered 503 with Retry-After; everything else
/// keeps its own mapping (500 for the unexpected). EF Core hands these failures over wrapped: in
/// <c>RetryLimitExceededException</c> (its retrying strategy), <c>DbUpdateException</c> (a failed SaveChanges) or an
/// <c>InvalidOperationException</c> about a transient failure, so the whole chain of inner exceptions is read.
/// </summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // An answer from the server decides by its SQLSTATE: a constraint or syntax error is no outage.
                    return IsUnavailableState(postgres.SqlState);
                case NpgsqlException:
                    // No server answer at all: connection refused or reset, timeout, pool exhausted.
                    return true;
                case TimeoutException when current.Source == "Npgsql":
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting
    /// up or shutting down), and 53300 too many connections: the server cannot serve anyone right now.
    /// </summary>
    public static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;
}
