using System.Globalization;

namespace Leads.Api.Http;

/// <summary>HTTP dates have whole seconds (RFC 9110 section 5.6.7); a Last-Modified and the comparison against it must agree on that.</summary>
public static class HttpDates
{
    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>The IMF-fixdate form, e.g. <c>Sun, 06 Nov 1994 08:49:37 GMT</c>.</summary>
    public static string Format(DateTimeOffset value) => TruncateToSeconds(value).ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
}
