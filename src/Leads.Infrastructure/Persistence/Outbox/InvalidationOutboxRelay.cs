using System.Diagnostics;
using Leads.Application.Caching;
using Leads.Infrastructure.Persistence.Configurations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Leads.Infrastructure.Persistence.Outbox;

/// <summary>
/// Applies invalidations that their writer could not: the commit went through but Redis did not answer, or the
/// process died before it got there. Runs on every instance; each batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent relays share the rows instead of applying each one twice, and a
/// row is deleted in the same transaction that claimed it once its tags are bumped. A relay that dies mid-batch
/// releases its claim with its connection; the next one bumps those tags again, which only costs a few misses.
/// Works on its own connections, outside EF: it is background work, not part of any request.
/// </summary>
public sealed partial class InvalidationOutboxRelay(
    string connectionString,
    ICacheStore cache,
    IOptions<InvalidationOutboxOptions> options,
    ILogger<InvalidationOutboxRelay> logger) : BackgroundService
{
    private const string Table = PendingInvalidationConfiguration.Table;

    private static readonly TimeSpan DiscardInterval = TimeSpan.FromMinutes(1);

    private readonly InvalidationOutboxOptions _options = options.Value;
    private long _lastDiscard = Stopwatch.GetTimestamp();

    // Consecutive failed relay attempts and when the first of them was: logged once when failing starts and once
    // when it stops, not on every tick of an outage.
    private int _failures;
    private long _failingSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RelayInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RelayPendingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Relays batch after batch until none is left (or Redis stops answering); returns how many rows were applied.</summary>
    public async Task<int> RelayPendingAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        try
        {
            if (Stopwatch.GetElapsedTime(_lastDiscard) > DiscardInterval)
            {
                await DiscardExpiredAsync(cancellationToken);
                _lastDiscard = Stopwatch.GetTimestamp();
            }

            int applied;
            do
            {
                applied = await RelayBatchAsync(cancellationToken);
                total += applied;
            }
            while (applied == _options.BatchSize);
            if (_failures > 0)
            {
                LogRelayRecovered(_failures, Stopwatch.GetElapsedTime(_failingSince));
                _failures = 0;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Postgres is down or slow, or the schema is behind: the rows stay, the next tick tries again. Background
            // work must never stop the host, which is what an exception escaping a BackgroundService does.
            if (_failures++ == 0)
            {
                _failingSince = Stopwatch.GetTimestamp();
                LogRelayFailed(ex.Message);
            }
            else
            {
                LogRelayStillFailing(_failures, ex.Message);
            }
        }

        if (total > 0)
        {
            LogRelayed(total);
        }

        return total;
    }

    private async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await ClaimAsync(connection, transaction, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        // If Redis cannot be reached, this instance also bypasses its own cache until it can (the store defers
        // the bump): it now knows there is something stale to avoid.
        if (!await cache.InvalidateTagsAsync(PendingInvalidation.TagsOf(rows), CancellationToken.None))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return 0;
        }

        await using (var delete = new NpgsqlCommand($"DELETE FROM {Table} WHERE id = ANY(@ids)", connection, transaction))
        {
            delete.Parameters.AddWithValue("ids", rows.Select(row => row.Id).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private async Task<List<PendingInvalidation>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(
            $"SELECT id, tags, created_at FROM {Table} WHERE created_at < now() - @age ORDER BY id LIMIT @batch FOR UPDATE SKIP LOCKED",
            connection,
            transaction);
        claim.Parameters.AddWithValue("age", _options.AbandonedAfter);
        claim.Parameters.AddWithValue("batch", _options.BatchSize);
        var rows = new List<PendingInvalidation>();
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(PendingInvalidation.Read(reader.GetInt64(0), reader.GetFieldValue<string[]>(1), reader.GetDateTime(2)));
        }

        return rows;
    }

    private async Task DiscardExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var discard = new NpgsqlCommand($"DELETE FROM {Table} WHERE created_at < now() - @age", connection);
        discard.Parameters.AddWithValue("age", _options.DiscardAfter);
        var discarded = await discard.ExecuteNonQueryAsync(cancellationToken);
        if (discarded > 0)
        {
            LogDiscarded(discarded, _options.DiscardAfter);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relayed {Count} cache invalidations from the outbox")]
    private partial void LogRelayed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discarded {Count} outbox invalidations older than {Age} without applying them: Redis was unreachable all that time")]
    private partial void LogDiscarded(int count, TimeSpan age);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying cache invalidations from the outbox failed: {Reason}; retrying every tick, logged again when it works")]
    private partial void LogRelayFailed(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Relaying cache invalidations from the outbox failed again ({Failures} attempts): {Reason}")]
    private partial void LogRelayStillFailing(int failures, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relaying cache invalidations from the outbox works again after {Failures} failed attempts over {Duration}")]
    private partial void LogRelayRecovered(int failures, TimeSpan duration);
}
