using Leads.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Infrastructure;

/// <summary>
/// The API on a real Kestrel socket (a free loopback port) instead of the in-memory TestServer, so a real
/// reverse proxy can reach it, and Kestrel's own limits (request body size, HEAD without body) apply.
/// </summary>
public sealed class KestrelLeadsApiFactory : LeadsApiFactory
{
    public KestrelLeadsApiFactory()
    {
        UseKestrel(0);
    }

    /// <summary>Where Kestrel listens, always as a 127.0.0.1 address.</summary>
    public Uri ServerAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("The server reports no addresses; is Kestrel in use?");
            var address = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
            return new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
        }
    }
}
