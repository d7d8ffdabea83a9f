using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Leads.Api.Http;

/// <summary>
/// RFC 9110 section 13 precondition evaluation over header values: If-None-Match and If-Modified-Since for GET/HEAD,
/// If-Match and If-None-Match for writes. Pure functions, so every rule (lists, '*', weak against strong tags,
/// precedence) is specified by unit tests rather than by requests.
/// </summary>
public static class Preconditions
{
    /// <summary>
    /// True when the client's copy is current and a GET may answer 304 (section 13.2.2): If-None-Match, when sent,
    /// decides alone (weak comparison, lists, '*'); otherwise If-Modified-Since, when it is a valid date, is
    /// compared at the one-second resolution of the Last-Modified the client saw.
    /// </summary>
    public static bool IsNotModified(PreconditionHeaders headers, string currentETag, DateTimeOffset lastModified)
    {
        if (headers.HasIfNoneMatch)
        {
            return AnyMatches(headers.IfNoneMatch, currentETag, EntityTagComparison.Weak);
        }

        return HeaderUtilities.TryParseDate(headers.IfModifiedSince.ToString(), out var since)
            && HttpDates.TruncateToSeconds(lastModified) <= since;
    }

    /// <summary>
    /// If-Match on a write (section 13.1.1). Fails when the resource has no current representation, or when no listed
    /// tag is the current one. Section 13.1.1 asks for the strong comparison, under which a weak tag never matches;
    /// all our tags are weak (the body may be compressed) and each names exactly one version of the resource, so the
    /// weak comparison is used instead, as docs/http-caching.md explains.
    /// </summary>
    public static bool IfMatchFails(PreconditionHeaders headers, string? currentETag)
    {
        if (!headers.HasIfMatch)
        {
            return false;
        }

        return currentETag is null || !AnyMatches(headers.IfMatch, currentETag, EntityTagComparison.Weak);
    }

    /// <summary>
    /// If-None-Match on a write (section 13.1.2): fails when a listed tag is the current one or when it is '*' (the
    /// resource exists), so "change it only if it is not this version" is honoured, not ignored.
    /// </summary>
    public static bool IfNoneMatchFailsForWrite(PreconditionHeaders headers, string currentETag) =>
        headers.HasIfNoneMatch && AnyMatches(headers.IfNoneMatch, currentETag, EntityTagComparison.Weak);

    /// <summary>
    /// True when <paramref name="list"/> (one or more header values, each a comma-separated list) holds '*' or a tag
    /// equal to <paramref name="currentETag"/> under <paramref name="comparison"/>. A value with no valid tag at all
    /// matches nothing, so a malformed precondition never lets a write through nor turns a GET into a 304; the valid
    /// members of a partly malformed list still count.
    /// </summary>
    public static bool AnyMatches(StringValues list, string currentETag, EntityTagComparison comparison)
    {
        // The common revalidation: the client sends back exactly the one tag it was given. Equal text is a weak
        // match of a well-formed tag, so no parsing is needed (anything else takes the general path below).
        if (comparison == EntityTagComparison.Weak && list.Count == 1 && string.Equals(list[0], currentETag, StringComparison.Ordinal)
            && IsSingleTag(currentETag))
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParse(currentETag, out var current) || !EntityTagHeaderValue.TryParseList(list, out var candidates))
        {
            return false;
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(current, useStrongComparison: comparison == EntityTagComparison.Strong))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One entity tag, <c>"opaque"</c> or <c>W/"opaque"</c>, made of etagc characters only (RFC 9110 section 8.8.3).</summary>
    private static bool IsSingleTag(string tag)
    {
        var quoted = tag.AsSpan(tag.StartsWith("W/", StringComparison.Ordinal) ? 2 : 0);
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
        {
            return false;
        }

        foreach (var c in quoted[1..^1])
        {
            if (c < 0x21 || c == '"' || c == 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
