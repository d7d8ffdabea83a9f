using System.Diagnostics;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// Waits for a condition that becomes true asynchronously (a key expiring, a reconnect), checking it
/// repeatedly up to a deadline: the test proceeds as soon as it holds and fails with a reason if it never does.
/// </summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);
}
