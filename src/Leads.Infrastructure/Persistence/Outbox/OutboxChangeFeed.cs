using System.Globalization;
using Leads.Infrastructure.Caching.Outage;
using Leads.Infrastructure.Persistence.Configurations;
using Npgsql;

namespace Leads.Infrastructure.Persistence.Outbox;

/// <summary>
/// The committed changes of the outbox, by transaction id (<c>xid</c>, set by the database in the writing
/// transaction). The horizon is the oldest transaction id still running (<c>pg_snapshot_xmin</c>), taken before the
/// rows are read: a change invisible to this read is in a transaction at or above it, so the next read, which asks
/// for rows at or above it, cannot miss the change whenever it commits. One round trip per read (both statements in
/// one batch), on its own pooled connection.
/// </summary>
public sealed class OutboxChangeFeed(string connectionString) : ICommittedChanges
{
    private const string Table = PendingInvalidationConfiguration.Table;

    public async Task<CommittedChangesPage> ReadAsync(long? since, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text"));
        if (since is { } horizon)
        {
            var rows = new NpgsqlBatchCommand($"SELECT id, xid::text, tags FROM {Table} WHERE xid >= $1::text::xid8");
            rows.Parameters.Add(new NpgsqlParameter { Value = horizon.ToString(CultureInfo.InvariantCulture) });
            batch.BatchCommands.Add(rows);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var next = long.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
        var changes = new List<CommittedChange>();
        if (since is not null && await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(new CommittedChange(reader.GetInt64(0), long.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetFieldValue<string[]>(2)));
            }
        }

        return new CommittedChangesPage(next, changes);
    }
}
