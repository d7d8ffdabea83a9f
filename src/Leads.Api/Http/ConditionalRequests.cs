using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Leads.Api.Http;

/// <summary>RFC 9110 precondition evaluation for GET/HEAD (If-None-Match, If-Modified-Since) and writes (If-Match, If-None-Match).</summary>
public static class ConditionalRequests
{
    /// <summary>True when the client's copy is current: If-None-Match (weak comparison, lists, '*') wins over If-Modified-Since.</summary>
    public static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (!StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            return MatchesAny(ifNoneMatch, etag, weak: true);
        }

        var ifModifiedSince = request.GetTypedHeaders().IfModifiedSince;
        return ifModifiedSince is { } since && TruncateToSeconds(lastModified) <= since;
    }

    /// <summary>
    /// If-Match for writes. Our validators are weak (the body may be compressed), and each one names exactly one
    /// version of the resource, so the opaque tags are compared and the W/ prefix is ignored (documented in docs/http-caching.md).
    /// </summary>
    public static bool IfMatchFails(HttpRequest request, string? currentETag)
    {
        var ifMatch = request.Headers.IfMatch;
        if (StringValues.IsNullOrEmpty(ifMatch))
        {
            return false;
        }

        return currentETag is null ? true : !MatchesAny(ifMatch, currentETag, weak: true);
    }

    /// <summary>
    /// If-None-Match on a write (RFC 9110 13.1.2): fails when the current representation matches a listed tag or
    /// when it is '*' (the lead exists), so "change it only if it is not this version" is honoured, not ignored.
    /// </summary>
    public static bool IfNoneMatchFailsForWrite(HttpRequest request, string currentETag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        return !StringValues.IsNullOrEmpty(ifNoneMatch) && MatchesAny(ifNoneMatch, currentETag, weak: true);
    }

    public static bool HasIfMatch(HttpRequest request) => !StringValues.IsNullOrEmpty(request.Headers.IfMatch);

    public static bool HasIfNoneMatch(HttpRequest request) => !StringValues.IsNullOrEmpty(request.Headers.IfNoneMatch);

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));

    private static bool MatchesAny(StringValues header, string etag, bool weak)
    {
        if (!EntityTagHeaderValue.TryParse(etag, out var current))
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var candidates))
        {
            return false;
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(current, useStrongComparison: !weak))
            {
                return true;
            }
        }

        return false;
    }
}
