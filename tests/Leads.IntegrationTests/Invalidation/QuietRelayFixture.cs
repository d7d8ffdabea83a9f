using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// Two instances of one deployment (same database, Redis and key prefix) whose relays never run on their own
/// (an hour between ticks): the tests call them, so every relayed row is one they caused.
/// </summary>
public sealed class QuietRelayFixture : IAsyncLifetime
{
    public LeadsApiFactory First { get; } = new();

    public SecondInstanceApiFactory Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        First.Settings["Caching:Outbox:RelayInterval"] = "01:00:00";
        await First.InitializeAsync();
        Second = new SecondInstanceApiFactory(First);
        Second.Settings["Caching:Outbox:RelayInterval"] = "01:00:00";
        _ = Second.Services;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncDisposable)Second).DisposeAsync();
        await First.DisposeAsync();
    }
}
