using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// One GET as a client saw it: status, body and the <c>Cache-Status</c> header, which names for every cache
/// level whether it answered (<c>hit</c>) or forwarded the request (<c>fwd=miss</c>, <c>fwd=bypass</c>).
/// </summary>
public sealed record CachedRead(HttpStatusCode Status, string Body, string CacheStatus, EntityTagHeaderValue? ETag)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// True when the answer came from the cache without loading anything: the service level hit, and so did every
    /// database-level lookup behind it (a list page is its cached ids plus the cached bodies of its leads). The
    /// caller's own authorization data (<c>UserAccess</c>) is not part of the answer and is left out.
    /// </summary>
    public bool IsCacheHit =>
        Level("leads-api").StartsWith("leads-api; hit", StringComparison.Ordinal)
        && Members().Where(m => !m.EndsWith("; key=UserAccess", StringComparison.Ordinal) && !m.StartsWith("leads-http;", StringComparison.Ordinal))
            .All(m => m.Contains("; hit", StringComparison.Ordinal));

    public T As<T>() => JsonSerializer.Deserialize<T>(Body, Json) ?? throw new InvalidOperationException("The body is empty.");

    /// <summary>The <c>Cache-Status</c> member of one policy, e.g. <c>leads-db; hit; detail=l1; key=UserAccess</c>; empty when absent.</summary>
    public string Policy(string policy) =>
        Members().FirstOrDefault(m => m.EndsWith("; key=" + policy, StringComparison.Ordinal)) ?? string.Empty;

    /// <summary>The first <c>Cache-Status</c> member of a cache (<c>leads-api</c>, <c>leads-db</c>); empty when absent.</summary>
    public string Level(string cache) =>
        Members().FirstOrDefault(m => m.StartsWith(cache + ";", StringComparison.Ordinal)) ?? string.Empty;

    private IEnumerable<string> Members() => CacheStatus.Split(", ", StringSplitOptions.RemoveEmptyEntries);
}
