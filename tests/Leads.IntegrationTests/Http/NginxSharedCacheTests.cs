using System.Net;
using System.Net.Http.Headers;
using static Leads.IntegrationTests.Http.HttpCacheHeaders;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// The headers proven against a real shared cache: nginx stores only what the API marks public, for exactly as
/// long as max-age says, revalidates with the ETag afterwards (the API answers 304), and never shares per-user
/// answers or errors. Every test uses its own URL (an ignored query parameter) so the cache starts cold.
/// </summary>
public sealed class NginxSharedCacheTests(NginxSharedCacheFixture fixture) : IClassFixture<NginxSharedCacheFixture>, IAsyncLifetime
{
    private readonly HttpClient _proxy = new() { BaseAddress = fixture.Nginx.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Task InitializeAsync() => fixture.Api.ResetAsync();

    public Task DisposeAsync()
    {
        _proxy.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Categories_miss_then_hit_then_after_max_age_are_revalidated_by_a_304_from_the_api()
    {
        var token = await TokenAsync(Leads.Infrastructure.Persistence.Seeding.DemoData.SalesAName, Leads.Infrastructure.Persistence.Seeding.DemoData.SalesAPassword);
        var url = UniqueUrl("/api/leads/categories");

        var first = await GetAsync(url, token);
        var second = await GetAsync(url, token);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        CacheControl(first).Should().Be($"public, max-age={NginxSharedCacheFixture.CategoriesMaxAgeSeconds}");
        CacheStatus(first).Should().Be("MISS");
        CacheStatus(second).Should().Be("HIT", "a public response is stored; nginx error log: {0}", fixture.Nginx.ErrorLog);
        Raw(second, "X-Upstream-Status").Should().BeNull("a hit never reaches the API");
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());

        // Poll (bounded) until nginx considers its copy stale; every answer before that must be a hit.
        var deadline = DateTime.UtcNow.AddSeconds(NginxSharedCacheFixture.CategoriesMaxAgeSeconds + 10);
        HttpResponseMessage after;
        while (true)
        {
            after = await GetAsync(url, token);
            if (CacheStatus(after) != "HIT" || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        CacheStatus(after).Should().Be("REVALIDATED");
        Raw(after, "X-Upstream-Status").Should().Be("304", "the API confirmed nginx's copy with If-None-Match instead of sending it again");
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        ETag(after).Should().Be(ETag(first));
        (await after.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());

        var afterRevalidation = await GetAsync(url, token);
        CacheStatus(afterRevalidation).Should().Be("HIT", "a 304 refreshes the stored copy for another max-age");
    }

    [Fact]
    public async Task Static_config_is_stored_once_and_then_served_to_anonymous_callers_from_the_shared_cache()
    {
        var url = UniqueUrl("/api/static/config");

        var first = await GetAsync(url, token: null);
        var second = await GetAsync(url, token: null);

        CacheControl(first).Should().Be(NginxSharedCacheFixture.StaticConfigCacheControl);
        CacheStatus(first).Should().Be("MISS");
        CacheStatus(second).Should().Be("HIT");
        ETag(second).Should().Be(ETag(first));
    }

    [Fact]
    public async Task Shared_cache_keeps_one_variant_per_accept_encoding()
    {
        var url = UniqueUrl("/api/static/config");

        var gzip = await GetAsync(url, token: null, acceptEncoding: "gzip");
        var identity = await GetAsync(url, token: null);
        var gzipAgain = await GetAsync(url, token: null, acceptEncoding: "gzip");
        var identityAgain = await GetAsync(url, token: null);

        Raw(gzip, "Content-Encoding").Should().Be("gzip");
        CacheStatus(identity).Should().Be("MISS", "Vary: Accept-Encoding keeps the gzip copy from a client that did not ask for it");
        Raw(identity, "Content-Encoding").Should().BeNull();
        CacheStatus(gzipAgain).Should().Be("HIT");
        Raw(gzipAgain, "Content-Encoding").Should().Be("gzip");
        CacheStatus(identityAgain).Should().Be("HIT");
        Raw(identityAgain, "Content-Encoding").Should().BeNull();
        ETag(identity).Should().Be(ETag(gzip));
    }

    [Theory]
    [InlineData("/api/leads?pageSize=5")]
    [InlineData("/api/leads/summary")]
    public async Task Per_user_answers_are_never_shared_between_members(string path)
    {
        var salesA = await TokenAsync(Leads.Infrastructure.Persistence.Seeding.DemoData.SalesAName, Leads.Infrastructure.Persistence.Seeding.DemoData.SalesAPassword);
        var salesB = await TokenAsync(Leads.Infrastructure.Persistence.Seeding.DemoData.SalesBName, Leads.Infrastructure.Persistence.Seeding.DemoData.SalesBPassword);
        var url = UniqueUrl(path);

        var responses = new[] { await GetAsync(url, salesA), await GetAsync(url, salesB), await GetAsync(url, salesA) };

        foreach (var response in responses)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            CacheControl(response).Should().Be("private, no-cache");
            CacheStatus(response).Should().NotBe("HIT");
            Raw(response, "X-Upstream-Status").Should().Be("200", "every per-user request reaches the API");
            Raw(response, "Cache-Status").Should().Contain("leads-api", "the API itself answered");
        }

        // Team A's and team B's leads are different rows; a shared copy would show one member the other's list.
        if (path.StartsWith("/api/leads?", StringComparison.Ordinal))
        {
            (await responses[1].Content.ReadAsStringAsync()).Should().NotBe(await responses[0].Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Unauthorized_401_is_never_stored()
    {
        var url = UniqueUrl("/api/leads/summary");

        var first = await GetAsync(url, token: null);
        var second = await GetAsync(url, token: null);

        first.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        second.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        CacheStatus(second).Should().NotBe("HIT");
        Raw(second, "X-Upstream-Status").Should().Be("401");
    }

    [Fact]
    public async Task Not_found_404_is_never_stored()
    {
        var token = await TokenAsync(Leads.Infrastructure.Persistence.Seeding.DemoData.SalesAName, Leads.Infrastructure.Persistence.Seeding.DemoData.SalesAPassword);
        var url = UniqueUrl($"/api/leads/{Guid.NewGuid()}");

        var first = await GetAsync(url, token);
        var second = await GetAsync(url, token);

        first.StatusCode.Should().Be(HttpStatusCode.NotFound);
        second.StatusCode.Should().Be(HttpStatusCode.NotFound);
        CacheStatus(second).Should().NotBe("HIT");
        Raw(second, "X-Upstream-Status").Should().Be("404");
    }

    private static string UniqueUrl(string path) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "probe=" + Guid.NewGuid().ToString("N");

    private static string? CacheStatus(HttpResponseMessage response) => Raw(response, "X-Cache-Status");

    private async Task<HttpResponseMessage> GetAsync(string url, AuthenticationHeaderValue? token, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = token;
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await _proxy.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<AuthenticationHeaderValue> TokenAsync(string userName, string password)
    {
        using var client = await fixture.Api.CreateClientForAsync(userName, password);
        return Bearer(client);
    }
}
