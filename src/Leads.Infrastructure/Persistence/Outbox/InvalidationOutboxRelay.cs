using System.Diagnostics;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Persistence.Configurations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Leads.Infrastructure.Persistence.Outbox;

/// <summary>
/// Applies invalidations that their writer could not: the commit went through but Redis did not answer, or the
/// process died before it got there. Runs on every instance; each batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent relays share the rows instead of applying each one twice, and a
/// row is marked applied in the same transaction that claimed it once its tags are bumped. A relay that dies
/// mid-batch releases its claim with its connection; the next one bumps those tags again, which only costs a few
/// misses. Applied rows are kept for <see cref="InvalidationOutboxOptions.ReplayWindow"/>: when the Redis primary
/// this instance writes to changes (<see cref="RedisPrimaryWatch"/>, checked on every tick and after every
/// reconnect), the bumps of every row inside the window are applied again, since the old primary may have taken
/// them and lost them with its data (ADR 0005). Works on its own connections, outside EF: it is background work,
/// not part of any request.
/// </summary>
public sealed partial class InvalidationOutboxRelay : BackgroundService
{
    private const string Table = PendingInvalidationConfiguration.Table;

    /// <summary>Tags bumped per script call when the replay window is applied again.</summary>
    private const int ReplayChunk = 500;

    private static readonly TimeSpan DiscardInterval = TimeSpan.FromMinutes(1);

    private readonly string _connectionString;
    private readonly ICacheStore _cache;
    private readonly RedisPrimaryWatch _primary;
    private readonly ILogger<InvalidationOutboxRelay> _logger;
    private readonly InvalidationOutboxOptions _options;
    private readonly TimeSpan _cleanupInterval;
    private readonly SemaphoreSlim _replayGate = new(1, 1);
    private long _lastDiscard = Stopwatch.GetTimestamp();
    private long _lastCleanup = Stopwatch.GetTimestamp();
    private volatile bool _replayPending;
    private int _replays;

    public InvalidationOutboxRelay(
        string connectionString,
        ICacheStore cache,
        RedisPrimaryWatch primary,
        IConnectionMultiplexer multiplexer,
        IOptions<InvalidationOutboxOptions> options,
        ILogger<InvalidationOutboxRelay> logger)
    {
        _connectionString = connectionString;
        _cache = cache;
        _primary = primary;
        _logger = logger;
        _options = options.Value;
        _cleanupInterval = TimeSpan.FromTicks(Math.Max(_options.RelayInterval.Ticks, _options.ReplayWindow.Ticks / 4));

        // A reconnect or a changed configuration (Sentinel's +switch-master, a cluster's new slot map) is when a
        // client starts writing to another primary: look at once rather than at the next tick.
        multiplexer.ConnectionRestored += (_, _) => _ = CheckPrimaryAsync(CancellationToken.None);
        multiplexer.ConfigurationChanged += (_, _) => _ = CheckPrimaryAsync(CancellationToken.None);
        multiplexer.ConfigurationChangedBroadcast += (_, _) => _ = CheckPrimaryAsync(CancellationToken.None);
    }

    /// <summary>Whether a primary switch was noticed and its replay has not succeeded yet.</summary>
    public bool ReplayPending => _replayPending;

    /// <summary>How many replays after a primary switch have succeeded since start-up.</summary>
    public int Replays => Volatile.Read(ref _replays);

    // Consecutive failed relay attempts and when the first of them was: logged once when failing starts and once
    // when it stops, not on every tick of an outage.
    private int _failures;
    private long _failingSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RelayInterval);
        try
        {
            // The first look records the primaries a later switch is told from (RedisPrimaryWatch).
            await CheckPrimaryAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckPrimaryAsync(stoppingToken);
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

            if (Stopwatch.GetElapsedTime(_lastCleanup) > _cleanupInterval)
            {
                await RemoveAppliedOutsideWindowAsync(cancellationToken);
                _lastCleanup = Stopwatch.GetTimestamp();
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
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await ClaimAsync(connection, transaction, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        // If Redis cannot be reached, this instance also bypasses its own cache until it can (the store defers
        // the bump): it now knows there is something stale to avoid.
        if (!await _cache.InvalidateTagsAsync(PendingInvalidation.TagsOf(rows), CancellationToken.None))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return 0;
        }

        await using (var mark = new NpgsqlCommand($"UPDATE {Table} SET applied_at = now() WHERE id = ANY(@ids)", connection, transaction))
        {
            mark.Parameters.AddWithValue("ids", rows.Select(row => row.Id).ToArray());
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private async Task<List<PendingInvalidation>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(
            $"SELECT id, tags, created_at FROM {Table} WHERE applied_at IS NULL AND created_at < now() - @age ORDER BY id LIMIT @batch FOR UPDATE SKIP LOCKED",
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
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var discard = new NpgsqlCommand($"DELETE FROM {Table} WHERE applied_at IS NULL AND created_at < now() - @age", connection);
        discard.Parameters.AddWithValue("age", _options.DiscardAfter);
        var discarded = await discard.ExecuteNonQueryAsync(cancellationToken);
        if (discarded > 0)
        {
            LogDiscarded(discarded, _options.DiscardAfter);
        }
    }

    /// <summary>
    /// Looks whether the Redis primary this instance writes to changed and, if so (or if the replay of an earlier
    /// switch has not succeeded yet), applies the replay window again. Returns whether a replay ran and succeeded.
    /// </summary>
    public async Task<bool> CheckPrimaryAsync(CancellationToken cancellationToken)
    {
        if (!await _replayGate.WaitAsync(0, cancellationToken))
        {
            // A check is under way; it sees whatever this one would.
            return false;
        }

        try
        {
            if (await _primary.CheckAsync())
            {
                _replayPending = true;
            }

            if (!_replayPending)
            {
                return false;
            }

            var replayed = await ReplayWindowAsync(cancellationToken);
            _replayPending = replayed < 0;
            if (replayed >= 0)
            {
                Interlocked.Increment(ref _replays);
                _primary.Replayed();
            }

            return replayed >= 0;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogReplayFailed(ex.Message);
            return false;
        }
        finally
        {
            _replayGate.Release();
        }
    }

    /// <summary>
    /// Bumps again the tags of every row applied within the replay window or not applied yet, each tag once, in the
    /// write path's batched script (a chunk per call). Returns how many tags were bumped, or -1 when Redis did not
    /// take them all (the caller tries again). A bump only invalidates more, so repeating it is safe.
    /// </summary>
    public async Task<int> ReplayWindowAsync(CancellationToken cancellationToken)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var select = new NpgsqlCommand(
                $"SELECT DISTINCT unnest(tags) FROM {Table} WHERE applied_at IS NULL OR applied_at > now() - @window",
                connection);
            select.Parameters.AddWithValue("window", _options.ReplayWindow);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tags.Add(reader.GetString(0));
            }
        }

        foreach (var chunk in tags.Chunk(ReplayChunk))
        {
            if (!await _cache.InvalidateTagsAsync(chunk, CancellationToken.None))
            {
                LogReplayIncomplete(tags.Count);
                return -1;
            }
        }

        LogReplayed(tags.Count, _options.ReplayWindow);
        return tags.Count;
    }

    /// <summary>Deletes the rows applied longer ago than the replay window; returns how many.</summary>
    public async Task<int> RemoveAppliedOutsideWindowAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var remove = new NpgsqlCommand($"DELETE FROM {Table} WHERE applied_at < now() - @window", connection);
        remove.Parameters.AddWithValue("window", _options.ReplayWindow);
        return await remove.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applied the outbox replay window again after a Redis primary switch: {Count} tags bumped (rows applied in the last {Window} or not yet)")]
    private partial void LogReplayed(int count, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying the outbox replay window again ({Count} tags) did not reach Redis; tried again on the next tick")]
    private partial void LogReplayIncomplete(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the Redis primary or replaying the outbox window failed: {Reason}; tried again on the next tick")]
    private partial void LogReplayFailed(string reason);

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
