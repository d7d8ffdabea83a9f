using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// Makes a write lose a race on purpose: once armed, just before the API sends its UPDATE or DELETE of that lead,
/// another connection commits a change to it (a version bump), as a second client's write would. The API's own
/// version check in the database then finds nothing to change.
/// </summary>
public sealed class ConcurrentWriteInjector(Func<string> connectionString) : DbCommandInterceptor
{
    private object? _armed;

    public void Arm(Guid leadId) => Volatile.Write(ref _armed, leadId);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await InterveneAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await InterveneAsync(command, cancellationToken);
        return result;
    }

    private async Task InterveneAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var text = command.CommandText;
        if (!text.Contains("UPDATE leads", StringComparison.Ordinal) && !text.Contains("DELETE FROM leads", StringComparison.Ordinal))
        {
            return;
        }

        if (Interlocked.Exchange(ref _armed, null) is not Guid leadId)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString());
        await connection.OpenAsync(cancellationToken);
        await using var bump = new NpgsqlCommand("UPDATE leads SET \"Version\" = \"Version\" + 1 WHERE \"Id\" = @id", connection);
        bump.Parameters.AddWithValue("id", leadId);
        (await bump.ExecuteNonQueryAsync(cancellationToken)).Should().Be(1, "the injected change must hit the lead being written");
    }
}
