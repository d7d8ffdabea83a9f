using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Leads.Api.Errors;

/// <summary>Writes the Retry-After header (RFC 9110 10.2.3) as whole seconds, at least one: "0" would invite an immediate retry storm.</summary>
public static class RetryAfter
{
    public static string Format(TimeSpan delay) => Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static void Set(HttpResponse response, TimeSpan delay) => response.Headers[HeaderNames.RetryAfter] = Format(delay);
}
