using Leads.Application.Caching;

namespace Leads.Infrastructure.Caching.Monitoring;

/// <summary>Requests answered and HTTP-level lookups (GETs answered with a validator) and hits (304) since start.</summary>
public sealed class HttpLevelStatistics(HotKeyTracker hotKeys) : IHttpLevelRecorder
{
    private long _requests;
    private long _lookups;
    private long _hits;

    public long Requests => Interlocked.Read(ref _requests);

    public long Lookups => Interlocked.Read(ref _lookups);

    public long Hits => Interlocked.Read(ref _hits);

    public void Answered() => Interlocked.Increment(ref _requests);

    public void Validated<TState>(bool notModified, TState state, Func<TState, string> describeKey)
    {
        Interlocked.Increment(ref _lookups);
        if (notModified)
        {
            Interlocked.Increment(ref _hits);
        }

        hotKeys.RecordHttp(state, describeKey);
    }
}
