using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Redis;

/// <summary>
/// Notices that the Redis primary this instance writes to is another one (a Sentinel or Cluster failover, a
/// restart, a restore from an older RDB): whatever the old primary took and the new one lacks is lost, tag
/// bumps included. Asked on the outbox relay's tick and after every reconnect or configuration change
/// (<see cref="Persistence.Outbox.InvalidationOutboxRelay"/>): one <c>INFO replication</c> per primary, on a
/// single server the one a write would use now, on a cluster every primary. On a switch it raises
/// <see cref="Switched"/> (the listener drops L1 and remembered generations) and the relay replays the outbox's
/// replay window (ADR 0005).
/// </summary>
public sealed partial class RedisPrimaryWatch(RedisGuard redis, ILogger<RedisPrimaryWatch> logger)
{
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Looks in a row that could not ask every primary (INFO refused or timing out) after which a suspicion ends anyway: switches cannot be seen there, as before the watch.</summary>
    private const int UnaskableLooks = 3;

    private readonly PrimarySwitchDetector _detector = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _switchPending;
    private long _suspicions;
    private long _settledUpTo;
    private int _unaskable;

    /// <summary>
    /// True from a lost connection until a look at the primaries found them unchanged, and from a noticed switch
    /// until the outbox's replay window has been applied since (<see cref="Replayed"/>). Meanwhile the counters this
    /// instance reads may be an older copy (a demoted primary resynced from the new one answers with the data the
    /// promotion started from, without the bumps taken after it), so entries stamped with them are not used: reads
    /// are answered under outage stamps, from the outbox (ADR 0005). Where the primaries cannot be asked
    /// (<c>INFO</c> refused), a suspicion ends after <see cref="UnaskableLooks"/> looks.
    /// </summary>
    // Asked on every cache lookup: plain volatile reads (Interlocked.Read is a locked compare-exchange).
    public bool Unsettled => _switchPending || Volatile.Read(ref _suspicions) > Volatile.Read(ref _settledUpTo);

    /// <summary>The connection dropped: the server it comes back to may hold older data until a look says otherwise.</summary>
    public void Suspect() => Interlocked.Increment(ref _suspicions);

    /// <summary>The replay window was applied again after the last switch.</summary>
    public void Replayed() => _switchPending = false;

    /// <summary>
    /// Ends the suspicions raised before this call when the primaries are the ones of the last check (or, before
    /// any check, records them as the first); a changed one is left to <see cref="CheckAsync"/> (the relay's),
    /// which reports the switch once.
    /// </summary>
    public async Task SettleIfUnchangedAsync()
    {
        if (!Unsettled || !redis.IsAvailable)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            var suspicions = Volatile.Read(ref _suspicions);
            var primaries = await LookAsync();
            if (_detector.HasLooked ? _detector.Matches(primaries) : !_detector.Observe(primaries))
            {
                SettleLook(primaries, suspicions);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // A look that asked every primary and found no switch ends the suspicions raised before it began.
    private void SettleLook(List<(string EndPoint, string? ReplicationId)> primaries, long suspicions)
    {
        if (primaries.Count > 0 && primaries.All(p => p.ReplicationId is not null))
        {
            _unaskable = 0;
        }
        else if (++_unaskable < UnaskableLooks)
        {
            return;
        }

        Monotonic.RaiseTo(ref _settledUpTo, suspicions);
    }

    /// <summary>Raised once per switch noticed, before <see cref="CheckAsync"/> returns true.</summary>
    public event Action? Switched;

    /// <summary>True when a primary this instance writes to changed since the last check (never on the first).</summary>
    public async Task<bool> CheckAsync()
    {
        if (!redis.IsAvailable)
        {
            return false;
        }

        await _gate.WaitAsync();
        try
        {
            var suspicions = Volatile.Read(ref _suspicions);
            var primaries = await LookAsync();
            if (!_detector.Observe(primaries))
            {
                SettleLook(primaries, suspicions);
                return false;
            }

            // The replay after the switch is what ends this: it bumps again whatever the old primary may have lost.
            _switchPending = true;
            SettleLook(primaries, suspicions);
            LogSwitched(string.Join(", ", primaries.Select(p => $"{p.EndPoint} ({p.ReplicationId ?? "?"})")));
            Switched?.Invoke();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<(string EndPoint, string? ReplicationId)>> LookAsync()
    {
        var primaries = new List<(string EndPoint, string? ReplicationId)>();
        foreach (var server in WritePrimaries())
        {
            primaries.Add((server.EndPoint.ToString()!, await ReplicationIdAsync(server)));
        }

        return primaries;
    }

    // The servers writes go to now: on a single server (or Sentinel) the one the client would pick for a write,
    // which during a failover may still be the old primary; on a cluster each primary of the slot map.
    private IEnumerable<IServer> WritePrimaries()
    {
        var multiplexer = redis.Multiplexer;
        if (RedisBatch.IsCluster(multiplexer))
        {
            return multiplexer.GetServers().Where(server => server.IsConnected && !server.IsReplica);
        }

        try
        {
            var server = multiplexer.GetServer(default(RedisKey), null, CommandFlags.DemandMaster);
            return server.IsConnected ? [server] : [];
        }
        catch (RedisException)
        {
            return [];
        }
    }

    private async Task<string?> ReplicationIdAsync(IServer server)
    {
        try
        {
            return PrimarySwitchDetector.ReplicationId(await server.InfoAsync("replication").WaitAsync(InfoTimeout));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Asked again on the next tick; until then the last known id of this server stands.
            LogInfoFailed(server.EndPoint.ToString(), ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Redis primary this instance writes to changed (now {Primaries}): bumps the old one took may be lost; local cache state dropped, the outbox replay window is applied again")]
    private partial void LogSwitched(string primaries);

    [LoggerMessage(Level = LogLevel.Debug, Message = "INFO replication on {EndPoint} failed: {Reason}")]
    private partial void LogInfoFailed(string? endPoint, string reason);
}
