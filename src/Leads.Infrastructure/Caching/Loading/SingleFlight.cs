using System.Collections.Concurrent;

namespace Leads.Infrastructure.Caching.Loading;

/// <summary>
/// One load per flight key at a time within this process: callers that arrive while a load runs await its
/// result (or exception) instead of starting their own. Cross-instance protection is <see cref="RedisLease"/>.
/// </summary>
public sealed class SingleFlight
{
    private readonly ConcurrentDictionary<string, Task> _flights = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="load"/> unless a load of <paramref name="flightKey"/> is already running; <c>Joined</c> says whose result it is.</summary>
    /// <remarks>The load is shared by every waiting caller, so a caller's cancellation only stops its own wait.</remarks>
    public async Task<(T Result, bool Joined)> RunAsync<T>(string flightKey, Func<Task<T>> load, CancellationToken cancellationToken)
    {
        var flight = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var existing = _flights.GetOrAdd(flightKey, flight.Task);
        if (!ReferenceEquals(existing, flight.Task))
        {
            return (await ((Task<T>)existing).WaitAsync(cancellationToken), true);
        }

        try
        {
            var loaded = await load();
            flight.SetResult(loaded);
            return (loaded, false);
        }
        catch (Exception ex)
        {
            flight.SetException(ex);
            _ = flight.Task.Exception;
            throw;
        }
        finally
        {
            _flights.TryRemove(new KeyValuePair<string, Task>(flightKey, flight.Task));
        }
    }
}
