using System.Diagnostics;
using Leads.Infrastructure.Caching.Tiers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Caching.Outage;

/// <summary>
/// What lets L1 keep answering while Redis cannot be used, without ever serving what an acknowledged write made
/// stale. Every committed change is in the Postgres outbox with its tags, in its own transaction, whichever
/// instance made it (<c>cache_invalidation_outbox</c>). A read that cannot use Redis waits for a read of the
/// outbox that <em>starts after it</em> (<see cref="CurrentAsync"/>), so every change acknowledged before the read
/// began has raised the counters of its tags (<see cref="OutageView"/>) by the time the read looks at L1. Those
/// reads are shared: one query runs at a time and serves every read that arrived while the previous one ran, so
/// a thousand reads a second cost a few hundred small queries, not a thousand loads.
/// <para>
/// Each query returns the changes at or above the horizon the previous one left (the oldest transaction still
/// running then), so a change that commits late is still seen; a change seen twice is applied once. A gap between
/// two queries longer than <see cref="GapAfter"/> (an outage that ended, a failing query) starts a new epoch with
/// no entries, because rows may have been deleted meanwhile. docs/caching.md, "Reads while Redis is out".
/// </para>
/// </summary>
public sealed partial class OutageGenerations : IDisposable
{
    /// <summary>
    /// Far below the time applied outbox rows are kept (the replay window, at least
    /// <see cref="MinimumRowLifetime"/>), so no row can be deleted unseen within an epoch.
    /// </summary>
    public static readonly TimeSpan GapAfter = TimeSpan.FromSeconds(2);

    /// <summary>How long one read of the outbox may take; a slower one fails (its readers load from the database).</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The shortest time applied rows may be kept for reads without Redis to see every one: a gap, a read, and a margin as large.</summary>
    public static readonly TimeSpan MinimumRowLifetime = 2 * (GapAfter + ReadTimeout);

    private readonly ICommittedChanges _changes;
    private readonly ILogger<OutageGenerations> _logger;
    private readonly bool _enabled;
    private readonly object _gate = new();
    private readonly Dictionary<long, long> _seen = [];
    private TaskCompletionSource<OutageView?>? _next;
    private bool _polling;
    private OutageView? _current;
    private long _horizon;
    private long _lastRead;
    private long _epochs;
    private long _reads;
    private int _failures;
    private volatile bool _restart;

    public OutageGenerations(ICommittedChanges changes, IOptions<CachingOptions> options, ILogger<OutageGenerations> logger)
    {
        _changes = changes;
        _logger = logger;
        _enabled = options.Value.Outage.Enabled && options.Value.L1.Enabled;
        EntryLifetime = options.Value.Outage.EntryLifetime;
        Entries = new L1Cache(options);
    }

    /// <summary>
    /// The entries loaded during outages, apart from L1's own: L1 is dropped whenever this instance may have missed
    /// an invalidation message (a failed bump, a lost subscription), which says nothing about these, whose stamps
    /// come from the outbox. Bounded like L1 (<see cref="L1Options.SizeLimitBytes"/>).
    /// </summary>
    public L1Cache Entries { get; }

    /// <summary>How long an entry loaded during an outage lives at most (<see cref="OutageOptions.EntryLifetime"/>).</summary>
    public TimeSpan EntryLifetime { get; }

    /// <summary>Reads of the outbox so far (each shared by every read that waited for it).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>
    /// Waits for a read of the committed changes that starts after this call and returns the epoch it left; null
    /// when switched off or when the outbox could not be read (the caller then loads without caching).
    /// </summary>
    public Task<OutageView?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return Task.FromResult<OutageView?>(null);
        }

        TaskCompletionSource<OutageView?> next;
        var start = false;
        lock (_gate)
        {
            next = _next ??= new TaskCompletionSource<OutageView?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_polling)
            {
                _polling = true;
                start = true;
            }
        }

        if (start)
        {
            _ = Task.Run(ReadWhileAskedAsync, CancellationToken.None);
        }

        return next.Task.WaitAsync(cancellationToken);
    }

    /// <summary>This instance invalidated <paramref name="tags"/> itself (a write's handler, an operator, the relay): its outage entries with them are stale at once.</summary>
    public void Invalidate(IEnumerable<string> tags) => Volatile.Read(ref _current)?.Bump(tags);

    /// <summary>Drops every outage entry: the next read starts a new epoch (an operator removed keys by pattern).</summary>
    public void Restart()
    {
        _restart = true;
        Entries.Clear();
    }

    public void Dispose() => Entries.Dispose();

    // One read at a time; the reads that arrived while it ran share the next one, which starts when it ends.
    private async Task ReadWhileAskedAsync()
    {
        while (true)
        {
            TaskCompletionSource<OutageView?> waiting;
            lock (_gate)
            {
                if (_next is null)
                {
                    _polling = false;
                    return;
                }

                waiting = _next;
                _next = null;
            }

            waiting.TrySetResult(await ReadOnceAsync());
        }
    }

    private async Task<OutageView?> ReadOnceAsync()
    {
        try
        {
            var current = Volatile.Read(ref _current);
            if (current is null || _restart || Stopwatch.GetElapsedTime(Volatile.Read(ref _lastRead)) > GapAfter)
            {
                // A new epoch holds no entries, so nothing committed before it can be stale in it: only the horizon is
                // needed. A restart asked for is done only once the read worked (until then the old epoch is not continued).
                var restart = _restart;
                using var startTimeout = new CancellationTokenSource(ReadTimeout);
                var start = await _changes.ReadAsync(null, startTimeout.Token);
                if (restart)
                {
                    _restart = false;
                }

                _seen.Clear();
                Entries.Clear();
                _horizon = start.Horizon;
                current = new OutageView(Interlocked.Increment(ref _epochs));
                Volatile.Write(ref _current, current);
                LogEpochStarted(current.Epoch);
            }
            else
            {
                using var timeout = new CancellationTokenSource(ReadTimeout);
                var page = await _changes.ReadAsync(_horizon, timeout.Token);
                foreach (var change in page.Changes)
                {
                    if (_seen.TryAdd(change.Id, change.Position))
                    {
                        current.Bump(change.Tags);
                    }
                }

                // Changes below the new horizon are not returned again.
                foreach (var (id, position) in _seen)
                {
                    if (position < page.Horizon)
                    {
                        _seen.Remove(id);
                    }
                }

                _horizon = page.Horizon;
            }

            Volatile.Write(ref _lastRead, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _reads);
            if (_failures > 0)
            {
                LogReadsWork(_failures);
                _failures = 0;
            }

            return current;
        }
        catch (Exception ex)
        {
            if (_failures++ == 0)
            {
                LogReadFailed(ex.Message);
            }

            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis cannot be used: L1 answers outage epoch {Epoch}, validated against the outbox")]
    private partial void LogEpochStarted(long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the outbox for reads without Redis failed ({Reason}); those reads load from the database until it works, logged again when it does")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the outbox for reads without Redis works again after {Failures} failed attempts")]
    private partial void LogReadsWork(int failures);
}
