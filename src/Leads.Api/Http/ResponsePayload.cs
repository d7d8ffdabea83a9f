using Leads.Application.Caching;

namespace Leads.Api.Http;

/// <summary>
/// Request-scoped: the serialized answer the service-level cache produced for this request, if any. A cacheable
/// GET writes these bytes as the body and derives its entity tag from their hash, so a hit is never serialized again.
/// </summary>
public sealed class ResponsePayload : ICachedPayloadSink
{
    public CachedPayload? Current { get; private set; }

    public void Offer(CachedPayload payload) => Current = payload;
}
