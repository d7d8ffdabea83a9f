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
    /// stale hit from a fresh load. Two reads normally suffice (miss and store, then hit). More are needed when the
    /// cache was bypassed (a Redis call of a cold host exceeding its 50 ms budget, an open circuit) or when L1 was
    /// dropped in between (a newly started instance clears it once it has subscribed); hence a time bound.
    /// </summary>
    public static async Task<CachedRead> WarmAsync(this HttpClient client, string url)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var read = await client.ReadAsync(url);
            read.Status.Should().Be(System.Net.HttpStatusCode.OK, "{0} must be readable before it can be cached", url);
            if (read.IsCacheHit)
            {
                return read;
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"{url} never became a cache hit; last Cache-Status: {read.CacheStatus}");
            }

            if (read.Level("leads-api").Contains("fwd=bypass", StringComparison.Ordinal))
            {
                await Task.Delay(25);
            }
        }
    }
}
