using System.Diagnostics;
using System.Diagnostics.Metrics;
using Leads.Api.Security;
using Leads.Application.Caching;
using Leads.Application.Security;
using Leads.Domain.Users;
using Leads.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace Leads.Api.Hosting;

/// <summary>
/// After a bulk invalidation, reloads the hottest service-level keys this instance knows (<see cref="IHotQueries"/>):
/// each remembered query is sent again through the mediator, in a scope of its own, as a caller of exactly the
/// visibility scope it was answered for. So the entry is what that request would have stored, under the same key,
/// and it is loaded after the bump or removal through the normal path (stamps read before the load): never older
/// than the invalidation, never another scope's data. The database-level entries those loads read are refilled on
/// the way. Failures of single keys are logged and skipped.
/// </summary>
public sealed partial class HotKeyWarmer : IHotKeyWarmer
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IHotQueries _hotQueries;
    private readonly IOptionsMonitor<HotKeyWarmingOptions> _options;
    private readonly ILogger<HotKeyWarmer> _logger;
    private readonly Counter<long> _rewarmed;

    public HotKeyWarmer(IServiceScopeFactory scopes, IHotQueries hotQueries, IOptionsMonitor<HotKeyWarmingOptions> options, IMeterFactory meters, ILogger<HotKeyWarmer> logger)
    {
        _scopes = scopes;
        _hotQueries = hotQueries;
        _options = options;
        _logger = logger;
        _rewarmed = meters.Create(InfrastructureTelemetry.CacheMeterName).CreateCounter<long>(
            "leads.cache.rewarmed", "{entry}", "Entries reloaded after a bulk invalidation, by level (api: the hot keys; db: what their loads read).");
    }

    public async ValueTask<int> WarmAsync(CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        if (!options.Enabled || options.MaxKeys == 0)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        var hottest = _hotQueries.Hottest(options.MaxKeys);
        int api = 0, db = 0;
        var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loop = Parallel.ForEachAsync(
            hottest,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = bounded.Token },
            async (query, ct) =>
            {
                var (storedApi, storedDb) = await ReloadAsync(query, ct);
                Interlocked.Add(ref api, storedApi);
                Interlocked.Add(ref db, storedDb);
            });
        var timedOut = false;
        try
        {
            // The loop waits for the reloads it started even once cancelled, and a reload waiting on the database
            // may not see the cancellation (a load is shared, so nothing cancels it): the bound is on the wait.
            await loop.WaitAsync(options.Timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            timedOut = true;
        }
        finally
        {
            // No further key starts; the reloads under way finish in the background and their scopes end with them.
            await bounded.CancelAsync();
            _ = loop.ContinueWith(
                static (t, state) =>
                {
                    _ = t.Exception;
                    ((IDisposable)state!).Dispose();
                },
                bounded,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        // A reload that finishes after the bound is not reported.
        var storedApiTotal = Volatile.Read(ref api);
        var storedDbTotal = Volatile.Read(ref db);
        _rewarmed.Add(storedApiTotal, new KeyValuePair<string, object?>("level", "api"));
        _rewarmed.Add(storedDbTotal, new KeyValuePair<string, object?>("level", "db"));
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (timedOut)
        {
            LogTimedOut(storedApiTotal, hottest.Count, options.Timeout.TotalMilliseconds);
        }
        else
        {
            LogWarmed(storedApiTotal, hottest.Count, storedDbTotal, elapsedMs);
        }

        return storedApiTotal;
    }

    /// <summary>A caller who sees exactly <paramref name="scope"/>; for answers shared by everyone, one who sees no lead.</summary>
    public static UserAccess CallerOf(VisibilityScope? scope) => scope switch
    {
        { IsAdmin: true } => new UserAccess(Guid.Empty, "cache-warmer", UserRole.Admin, true, []),
        { } teams => new UserAccess(Guid.Empty, "cache-warmer", UserRole.Member, true, teams.TeamIds),
        null => new UserAccess(Guid.Empty, "cache-warmer", UserRole.Member, true, []),
    };

    private async Task<(int Api, int Db)> ReloadAsync(HotQuery query, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var caller = CallerOf(query.Scope);
        if (query.Scope is not null && caller.Scope.PartitionKey != query.Scope.PartitionKey)
        {
            return (0, 0);
        }

        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().Access = caller;
        try
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query.Query, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // E.g. the lead was deleted or moved to another team since: nothing is stored, as for a request.
            LogSkipped(query.Key, ex.GetType().Name);
            return (0, 0);
        }

        var entries = scope.ServiceProvider.GetRequiredService<ICacheTrace>().Entries;
        return (entries.Count(e => e.Stored && e.Level == CacheLevel.Api), entries.Count(e => e.Stored && e.Level == CacheLevel.Db));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-warmed {Stored} of the {Known} hottest known keys after a bulk invalidation ({Db} database-level entries on the way) in {ElapsedMs:0} ms")]
    private partial void LogWarmed(int stored, int known, int db, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-warming stopped after {TimeoutMs:0} ms (Caching:HotKeyWarming:Timeout): {Stored} of the {Known} hottest known keys were stored; the rest load on their next request")]
    private partial void LogTimedOut(int stored, int known, double timeoutMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-warming {Key} failed: {Reason}")]
    private partial void LogSkipped(string key, string reason);
}
