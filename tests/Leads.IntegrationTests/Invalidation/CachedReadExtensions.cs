using System.Net.Http.Headers;

namespace Leads.IntegrationTests.Invalidation;

public static class CachedReadExtensions
{
    public static async Task<CachedRead> ReadAsync(this HttpClient client, string url, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        using var response = await client.SendAsync(request);
        var cacheStatus = response.Headers.TryGetValues("Cache-Status", out var values) ? string.Join(", ", values) : string.Empty;
        return new CachedRead(response.StatusCode, await response.Content.ReadAsStringAsync(), cacheStatus, response.Headers.ETag);
    }

    /// <summary>
    /// Reads <paramref name="url"/> until the service level answers it from the cache, so a later read can tell a
    /// stale hit from a fresh load. Two reads suffice (miss and store, then hit); a third covers an L1 that was
    /// dropped in between (e.g. a newly started instance clears it once it has subscribed).
    /// </summary>
    public static async Task<CachedRead> WarmAsync(this HttpClient client, string url)
    {
        CachedRead read = null!;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            read = await client.ReadAsync(url);
            read.Status.Should().Be(System.Net.HttpStatusCode.OK, "{0} must be readable before it can be cached", url);
            if (read.IsApiHit)
            {
                return read;
            }
        }

        throw new InvalidOperationException($"{url} never became a cache hit; last Cache-Status: {read.CacheStatus}");
    }
}
