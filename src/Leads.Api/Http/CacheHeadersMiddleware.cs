using Leads.Application.Caching;
using Microsoft.Net.Http.Headers;

namespace Leads.Api.Http;

/// <summary>
/// Last word on cache headers before a response starts:
/// <list type="bullet">
/// <item>errors and anything without an explicit Cache-Control get <c>no-store</c>, so no cache keeps them;</item>
/// <item><c>Cache-Status</c> (RFC 9211) lists what each cache level did, the database level (closest to the origin) first;
/// answers of 400 and above have none.</item>
/// </list>
/// </summary>
public sealed class CacheHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state => Apply((HttpContext)state), context);
        return next(context);
    }

    private static Task Apply(HttpContext context)
    {
        var response = context.Response;
        if (response.StatusCode >= 400 || string.IsNullOrEmpty(response.Headers.CacheControl))
        {
            response.Headers.CacheControl = "no-store";
            if (response.StatusCode >= 400)
            {
                response.Headers.Remove(HeaderNames.ETag);
                response.Headers.Remove(HeaderNames.LastModified);
            }
        }

        // An error carries no cache detail: on a 404 for another team's lead, whether the shared database-level entry
        // was a hit would tell that the lead exists and was read recently.
        var trace = response.StatusCode >= 400 ? null : context.RequestServices.GetService<ICacheTrace>();
        var entries = trace?.Entries;
        if (entries is { Count: > 0 })
        {
            response.Headers[CacheStatusHeader.Name] = CacheStatusHeader.Format(entries, context.Features.Get<NotModifiedFeature>() is not null);
        }

        return Task.CompletedTask;
    }
}
