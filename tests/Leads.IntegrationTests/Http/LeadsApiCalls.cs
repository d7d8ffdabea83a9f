using System.Net;
using System.Text.Json.Nodes;

namespace Leads.IntegrationTests.Http;

/// <summary>Small request builders shared by the HTTP cache specifications.</summary>
internal static class LeadsApiCalls
{
    /// <summary>The cacheable GET endpoints; <c>{id}</c> stands for a lead the caller can see.</summary>
    public static TheoryData<string, string> CacheableGets() => new()
    {
        { "/api/static/config", "public, max-age=3600" },
        { "/api/leads/categories", "public, max-age=1800" },
        { "/api/leads?pageSize=5", "private, no-cache" },
        { "/api/leads/{id}", "private, no-cache" },
        { "/api/leads/summary", "private, no-cache" },
    };

    /// <summary>Replaces <c>{id}</c> with the id of the first lead <paramref name="client"/> sees.</summary>
    public static async Task<string> ResolveAsync(HttpClient client, string path) =>
        path.Contains("{id}", StringComparison.Ordinal)
            ? path.Replace("{id}", (await FirstLeadIdAsync(client)).ToString(), StringComparison.Ordinal)
            : path;

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string url, Action<HttpRequestMessage>? configure = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(client, HttpMethod.Get, url, configure);

    /// <summary>A GET carrying If-None-Match with the given raw value (a tag, a list of tags or '*').</summary>
    public static Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient client, string url, string ifNoneMatch) =>
        GetAsync(client, url, r => r.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch));

    /// <summary>The first lead the caller sees, optionally filtered (e.g. <c>status=New</c>).</summary>
    public static async Task<JsonObject> FirstLeadAsync(HttpClient client, string filter = "")
    {
        var response = await client.GetAsync("/api/leads?pageSize=1&sort=name" + (filter.Length > 0 ? "&" + filter : string.Empty));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return page["items"]!.AsArray().Single()!.AsObject();
    }

    public static async Task<Guid> FirstLeadIdAsync(HttpClient client, string filter = "") =>
        (await FirstLeadAsync(client, filter))["id"]!.GetValue<Guid>();
}
