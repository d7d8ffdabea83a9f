using Leads.Application.Caching;
using Microsoft.Net.Http.Headers;

namespace Leads.Api.Http;

/// <summary>
/// Writes a cacheable GET answer: Cache-Control, ETag, Last-Modified and Vary, then either 304 or the body.
/// When the service-level cache produced the answer, its stored bytes and entity tag are used as they are:
/// a conditional GET on a cached entry runs no handler, no query and no serializer.
/// </summary>
public sealed class CachedJsonResult<T>(T value, HttpCacheProfile profile) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cached = httpContext.RequestServices.GetRequiredService<ResponsePayload>().Current;
        var payload = cached ?? CachedPayload.Serialize(value, httpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        var values = cached is null ? PayloadHeaders.OfFresh(payload) : PayloadHeaders.OfCached(payload);

        var response = httpContext.Response;
        var headers = response.Headers;
        headers.CacheControl = profile.CacheControl;
        headers.ETag = values.ETag;
        headers.LastModified = values.LastModified;
        headers.Vary = HeaderNames.AcceptEncoding;

        if (Preconditions.IsNotModified(PreconditionHeaders.Of(httpContext.Request), values.ETag, payload.StoredAt))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            httpContext.Features.Set(NotModifiedFeature.Instance);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = payload.Json.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(payload.Json, httpContext.RequestAborted);
        }
    }
}
