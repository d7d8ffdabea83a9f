namespace Leads.Api.Hosting;

/// <summary>Completes when the start-up cache warm-up has finished (or was switched off), with the number of answers stored.</summary>
public sealed class CacheWarmupStatus
{
    private readonly TaskCompletionSource<int> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<int> Completed => _completed.Task;

    public void Complete(int stored) => _completed.TrySetResult(stored);
}
