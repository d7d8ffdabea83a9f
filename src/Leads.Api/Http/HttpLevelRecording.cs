using Leads.Application.Caching;
using Microsoft.Net.Http.Headers;

namespace Leads.Api.Http;

/// <summary>
/// Tells the dashboard's counters what the HTTP level did: every answered request, and for an API GET answered
/// with a validator whether it was a full answer or a 304. The key shown to operators is the path (ids only)
/// and a hash of the query string, which may hold user text.
/// </summary>
public sealed class HttpLevelRecording(RequestDelegate next, IHttpLevelRecorder recorder)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            recorder.Answered();
            var response = context.Response;
            if (HttpMethods.IsGet(context.Request.Method)
                && context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && (response.StatusCode == StatusCodes.Status304NotModified || (response.StatusCode == StatusCodes.Status200OK && response.Headers.ContainsKey(HeaderNames.ETag))))
            {
                recorder.Validated(response.StatusCode == StatusCodes.Status304NotModified, context.Request, Describe);
            }
        }
    }

    private static string Describe(HttpRequest request) => request.QueryString.HasValue
        ? string.Concat("http:", request.Path.Value, ":", CacheKey.Parts(request.QueryString.Value))
        : string.Concat("http:", request.Path.Value);
}
