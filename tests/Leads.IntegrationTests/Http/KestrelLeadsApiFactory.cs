using Leads.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// The API on a real Kestrel socket (a free loopback port) instead of the in-memory TestServer, so a real
/// reverse proxy can reach it. Categories get a two-second max-age so expiry can be observed in a test.
/// </summary>
public sealed class KestrelLeadsApiFactory : LeadsApiFactory
{
    public const int CategoriesMaxAgeSeconds = 2;

    public KestrelLeadsApiFactory()
    {
        UseKestrel(0);
        Settings["HttpCaching:Categories:MaxAge"] = TimeSpan.FromSeconds(CategoriesMaxAgeSeconds).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
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
