using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Http;

/// <summary>One Kestrel-hosted API and one nginx in front of it, shared by the tests of a class.</summary>
public sealed class NginxSharedCacheFixture : IAsyncLifetime
{
    /// <summary>Short enough for a test to watch the shared copy expire.</summary>
    public const int CategoriesMaxAgeSeconds = 3;

    /// <summary>The static config's profile with every optional directive set (s-maxage, stale-while-revalidate).</summary>
    public const string StaticConfigCacheControl = "public, max-age=3600, s-maxage=600, stale-while-revalidate=30";

    private NginxProxy? _nginx;

    public KestrelLeadsApiFactory Api { get; } = new();

    internal NginxProxy Nginx => _nginx ?? throw new InvalidOperationException("nginx has not been started.");

    public async Task InitializeAsync()
    {
        NginxProxy.EnsureInstalled();
        Api.Settings["HttpCaching:Categories:MaxAge"] = TimeSpan.FromSeconds(CategoriesMaxAgeSeconds).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        Api.Settings["HttpCaching:StaticConfig:SharedMaxAge"] = "00:10:00";
        Api.Settings["HttpCaching:StaticConfig:StaleWhileRevalidate"] = "00:00:30";
        await Api.InitializeAsync();
        _nginx = await NginxProxy.StartAsync(Api.ServerAddress);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        await Api.DisposeAsync();
    }
}
