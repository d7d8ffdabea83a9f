using System.Runtime.CompilerServices;
using Leads.Application.Caching;

namespace Leads.Api.Http;

/// <summary>
/// The ETag and Last-Modified values of one payload. A cached entry hands out the same payload instance on every
/// hit, so they are formatted once per entry (kept beside the payload, and gone with it) instead of once per request.
/// </summary>
public sealed class PayloadHeaders
{
    private static readonly ConditionalWeakTable<CachedPayload, PayloadHeaders> Known = new();

    private PayloadHeaders(CachedPayload payload)
    {
        ETag = EntityTags.Of(payload);
        LastModified = HttpDates.Format(payload.StoredAt);
    }

    public string ETag { get; }

    public string LastModified { get; }

    /// <summary>The values of a payload the cache produced (and will produce again).</summary>
    public static PayloadHeaders OfCached(CachedPayload payload) => Known.GetValue(payload, static p => new PayloadHeaders(p));

    /// <summary>The values of a payload serialized for this response only.</summary>
    public static PayloadHeaders OfFresh(CachedPayload payload) => new(payload);
}
