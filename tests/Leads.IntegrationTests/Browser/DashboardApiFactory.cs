using Leads.IntegrationTests.Infrastructure;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Browser;

/// <summary>
/// The API on a real Kestrel socket for the browser: every lookup is counted in the hot keys (sample rate 1) and
/// the timeline samples every second, so what the page shows follows from the test's own traffic.
/// </summary>
public sealed class DashboardApiFactory : LeadsApiFactory
{
    public DashboardApiFactory()
    {
        UseKestrel(0);
        Settings["Caching:Monitoring:HotKeySampleRate"] = "1";
        Settings["Caching:Monitoring:TimelineInterval"] = "00:00:01";
        Settings["Caching:Monitoring:HotKeyBucket"] = "00:00:02";
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

    /// <summary>A client of the real socket (not the in-memory server), signed in as <paramref name="userName"/>.</summary>
    public async Task<HttpClient> CreateSocketClientAsync(string userName, string password)
    {
        var client = new HttpClient { BaseAddress = ServerAddress };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
