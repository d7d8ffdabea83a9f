using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// Reads response headers exactly as the server sent them (HttpClient's typed headers re-order and re-format
/// Cache-Control, which would hide the very differences these tests look for).
/// </summary>
internal static partial class HttpCacheHeaders
{
    public static string? Raw(HttpResponseMessage response, string name)
    {
        if (response.Headers.NonValidated.TryGetValues(name, out var values)
            || response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            return string.Join(", ", values);
        }

        return null;
    }

    public static string? CacheControl(HttpResponseMessage response) => Raw(response, "Cache-Control");

    public static string? ETag(HttpResponseMessage response) => Raw(response, "ETag");

    public static string? LastModified(HttpResponseMessage response) => Raw(response, "Last-Modified");

    public static string? Vary(HttpResponseMessage response) => Raw(response, "Vary");

    public static IReadOnlyList<string> VaryFields(HttpResponseMessage response) =>
        (Vary(response) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static bool IsWeakETag(string? etag) => etag is not null && WeakETag().IsMatch(etag);

    /// <summary>Parses an IMF-fixdate (RFC 9110 5.6.7), the only date format a server may send.</summary>
    public static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string FormatHttpDate(DateTimeOffset value) => value.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    /// <summary>The opaque part of an entity tag, without the weakness indicator.</summary>
    public static string Opaque(string etag) => etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;

    public static AuthenticationHeaderValue Bearer(HttpClient authenticated) =>
        authenticated.DefaultRequestHeaders.Authorization ?? throw new InvalidOperationException("The client has no bearer token.");

    [GeneratedRegex("^W/\"[^\"]+\"$")]
    private static partial Regex WeakETag();
}
