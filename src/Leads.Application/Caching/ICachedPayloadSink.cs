namespace Leads.Application.Caching;

/// <summary>
/// Receives the serialized answer of the cacheable query that produced the response (request-scoped; the API's
/// implementation writes those bytes as the body and derives the entity tag from them).
/// </summary>
public interface ICachedPayloadSink
{
    void Offer(CachedPayload payload);
}
