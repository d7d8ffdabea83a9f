using System.Net;
using Leads.IntegrationTests.Infrastructure;
using static Leads.IntegrationTests.Http.HttpCacheHeaders;
using static Leads.IntegrationTests.Http.LeadsApiCalls;

namespace Leads.IntegrationTests.Http;

/// <summary>RFC 9110 conditional GET and HEAD on every cacheable endpoint.</summary>
public sealed class ConditionalGetTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [MemberData(nameof(CacheableGets), MemberType = typeof(LeadsApiCalls))]
    public async Task Matching_if_none_match_returns_304_with_empty_body_and_the_headers_of_the_200(string path, string cacheControl)
    {
        var (client, url, full) = await ArrangeAsync(path);

        var response = await GetIfNoneMatchAsync(client, url, ETag(full)!);

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        ETag(response).Should().Be(ETag(full));
        CacheControl(response).Should().Be(cacheControl);
        Vary(response).Should().Be(Vary(full));
        LastModified(response).Should().Be(LastModified(full));
    }

    [Theory]
    [MemberData(nameof(CacheableGets), MemberType = typeof(LeadsApiCalls))]
    public async Task If_none_match_list_containing_the_current_tag_returns_304(string path, string cacheControl)
    {
        _ = cacheControl;
        var (client, url, full) = await ArrangeAsync(path);

        var response = await GetIfNoneMatchAsync(client, url, $"W/\"0123456789abcdef\", {ETag(full)}, \"other\"");

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Theory]
    [MemberData(nameof(CacheableGets), MemberType = typeof(LeadsApiCalls))]
    public async Task If_none_match_star_returns_304_for_an_existing_resource(string path, string cacheControl)
    {
        _ = cacheControl;
        var (client, url, _) = await ArrangeAsync(path);

        var response = await GetIfNoneMatchAsync(client, url, "*");

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Theory]
    [MemberData(nameof(CacheableGets), MemberType = typeof(LeadsApiCalls))]
    public async Task Non_matching_if_none_match_returns_200_with_the_full_body(string path, string cacheControl)
    {
        _ = cacheControl;
        var (client, url, full) = await ArrangeAsync(path);

        var response = await GetIfNoneMatchAsync(client, url, "W/\"0123456789abcdef\", \"fedcba9876543210\"");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ETag(response).Should().Be(ETag(full));
        (await response.Content.ReadAsStringAsync()).Should().Be(await full.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task If_none_match_uses_weak_comparison_so_the_strong_form_of_the_tag_also_matches()
    {
        var (client, url, full) = await ArrangeAsync("/api/leads/{id}");

        var response = await GetIfNoneMatchAsync(client, url, Opaque(ETag(full)!));

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Non_matching_if_none_match_wins_over_an_if_modified_since_that_would_give_304()
    {
        var (client, url, _) = await ArrangeAsync("/api/leads/{id}");

        var response = await GetAsync(client, url, r =>
        {
            r.Headers.TryAddWithoutValidation("If-None-Match", "W/\"0123456789abcdef\"");
            r.Headers.TryAddWithoutValidation("If-Modified-Since", FormatHttpDate(DateTimeOffset.UtcNow.AddHours(1)));
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Matching_if_none_match_wins_over_an_if_modified_since_that_would_give_200()
    {
        var (client, url, full) = await ArrangeAsync("/api/leads/{id}");

        var response = await GetAsync(client, url, r =>
        {
            r.Headers.TryAddWithoutValidation("If-None-Match", ETag(full)!);
            r.Headers.TryAddWithoutValidation("If-Modified-Since", FormatHttpDate(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        });

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Theory]
    [MemberData(nameof(CacheableGets), MemberType = typeof(LeadsApiCalls))]
    public async Task If_modified_since_alone_returns_304_when_not_modified_since_last_modified(string path, string cacheControl)
    {
        _ = cacheControl;
        var (client, url, full) = await ArrangeAsync(path);

        var response = await GetAsync(client, url, r => r.Headers.TryAddWithoutValidation("If-Modified-Since", LastModified(full)!));

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        ETag(response).Should().Be(ETag(full));
    }

    [Fact]
    public async Task If_modified_since_before_last_modified_returns_200()
    {
        var (client, url, full) = await ArrangeAsync("/api/leads/{id}");
        var earlier = ParseHttpDate(LastModified(full)!).AddSeconds(-1);

        var response = await GetAsync(client, url, r => r.Headers.TryAddWithoutValidation("If-Modified-Since", FormatHttpDate(earlier)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unparseable_if_modified_since_is_ignored()
    {
        var (client, url, _) = await ArrangeAsync("/api/leads/{id}");

        var response = await GetAsync(client, url, r => r.Headers.TryAddWithoutValidation("If-Modified-Since", "yesterday"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(CacheableGets), MemberType = typeof(LeadsApiCalls))]
    public async Task Head_returns_the_headers_of_get_without_a_body(string path, string cacheControl)
    {
        var (client, url, full) = await ArrangeAsync(path);
        var body = await full.Content.ReadAsByteArrayAsync();

        var head = await SendAsync(client, HttpMethod.Head, url);

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        CacheControl(head).Should().Be(cacheControl);
        ETag(head).Should().Be(ETag(full));
        LastModified(head).Should().Be(LastModified(full));
        Vary(head).Should().Be(Vary(full));
        Raw(head, "Content-Type").Should().Be(Raw(full, "Content-Type"));
        head.Content.Headers.ContentLength.Should().Be(body.Length);
    }

    [Fact]
    public async Task Conditional_head_returns_304()
    {
        var (client, url, full) = await ArrangeAsync("/api/leads/{id}");

        var head = await SendAsync(client, HttpMethod.Head, url, r => r.Headers.TryAddWithoutValidation("If-None-Match", ETag(full)!));

        head.StatusCode.Should().Be(HttpStatusCode.NotModified);
        ETag(head).Should().Be(ETag(full));
    }

    private async Task<(HttpClient Client, string Url, HttpResponseMessage Full)> ArrangeAsync(string path)
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, path);
        var full = await client.GetAsync(url);
        full.StatusCode.Should().Be(HttpStatusCode.OK);
        return (client, url, full);
    }
}
