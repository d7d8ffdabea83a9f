using System.Threading.Channels;
using Leads.Infrastructure.Persistence.Configurations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Leads.Infrastructure.Persistence.Outbox;

/// <summary>
/// Marks the outbox rows whose invalidation their writer has applied, many per statement. Each write used to
/// settle its own row before it answered: one more statement, connection reset and round trip on every write
/// (measured under the 5 % write mix: a tenth of all statements, docs/benchmarks.md). Now the writer hands the
/// row's id here and answers; this instance marks the ids gathered over <see cref="Interval"/> applied with one
/// statement on its own connection. The relay deletes them once they are older than the replay window (kept for
/// a Redis primary switch, ADR 0005). A row is still only marked after its bump landed, so nothing the
/// crash-safety of the outbox rests on changes: if this instance dies (or Postgres fails) before the mark, the row
/// stays pending and a relay bumps its tags once more, which only costs a few misses (ADR 0003). Rows wait here far
/// less than the relay's <see cref="InvalidationOutboxOptions.AbandonedAfter"/>, so while Redis is healthy no row
/// is bumped twice.
/// </summary>
public sealed partial class AppliedOutboxRows(string connectionString, ILogger<AppliedOutboxRows> logger) : BackgroundService
{
    /// <summary>How long ids gather before they are marked together (a tenth of the relay's one-second abandonment age).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private const string Table = PendingInvalidationConfiguration.Table;
    private const int MaxPerStatement = 1000;

    private readonly Channel<long> _applied = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The row's tags were all bumped: it is applied.</summary>
    public void Add(long rowId) => _applied.Writer.TryWrite(rowId);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Whatever was applied before the host stopped is marked now rather than bumped again by a relay.
        await MarkAsync(CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _applied.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Interval, stoppingToken);
                await MarkAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task MarkAsync(CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        while (ids.Count < MaxPerStatement && _applied.Reader.TryRead(out var id))
        {
            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);

            // A relay that has claimed one of the rows meanwhile marks it itself: skip it instead of waiting for it.
            await using var mark = new NpgsqlCommand(
                $"UPDATE {Table} SET applied_at = now() WHERE id IN (SELECT id FROM {Table} WHERE id = ANY(@ids) AND applied_at IS NULL FOR UPDATE SKIP LOCKED)",
                connection);
            mark.Parameters.AddWithValue("ids", ids.ToArray());
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The changes and their bumps are done; the rows only make a relay bump their tags once more.
            LogMarkFailed(ids.Count, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} applied outbox rows could not be marked applied ({Reason}); the relay applies them once more")]
    private partial void LogMarkFailed(int count, string reason);
}
