using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.RateLimiting;

/// <summary>
/// An API host with the rate limits a test specifies, instead of the test suite's generous ones. It listens on a real
/// Kestrel socket: client addresses are real, and a request starts as soon as its headers arrive, as in production.
/// </summary>
public sealed class LimitedApiFactory : LeadsApiFactory
{
    public LimitedApiFactory(IReadOnlyDictionary<string, string> limits)
    {
        UseKestrel(0);
        foreach (var (key, value) in limits)
        {
            Settings["RateLimiting:" + key] = value;
        }
    }

    /// <summary>Starts a host with <paramref name="limits"/>, runs <paramref name="test"/> against it and drops its database.</summary>
    public static async Task RunAsync(IReadOnlyDictionary<string, string> limits, Func<LimitedApiFactory, Task> test)
    {
        var factory = new LimitedApiFactory(limits);
        try
        {
            await factory.InitializeAsync();
            await test(factory);
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }
}
