namespace Leads.Api.Http;

/// <summary>
/// Request feature set when a cacheable GET answered 304: the client's own copy was served. A typed feature rather
/// than an <c>HttpContext.Items</c> string key, so its writer (<see cref="CachedJsonResult{T}"/>) and its reader
/// (<see cref="CacheHeadersMiddleware"/>, which adds the <c>leads-http</c> member to Cache-Status) cannot drift apart.
/// </summary>
public sealed class NotModifiedFeature
{
    public static NotModifiedFeature Instance { get; } = new();

    private NotModifiedFeature()
    {
    }
}
