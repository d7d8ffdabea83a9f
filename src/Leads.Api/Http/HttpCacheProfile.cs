using System.Globalization;
using System.Text;

namespace Leads.Api.Http;

/// <summary>The Cache-Control a cacheable GET gets: public with lifetimes for shared data, private/no-cache for per-user data.</summary>
public sealed record HttpCacheProfile(string CacheControl)
{
    /// <summary>Per-user data: browsers keep it but revalidate every time; shared caches never store it.</summary>
    public static HttpCacheProfile PerUser { get; } = new("private, no-cache");

    public static HttpCacheProfile Public(PublicResourceOptions options)
    {
        var value = new StringBuilder("public, max-age=").Append(Seconds(options.MaxAge));
        if (options.SharedMaxAge is { } shared)
        {
            value.Append(", s-maxage=").Append(Seconds(shared));
        }

        if (options.StaleWhileRevalidate is { } stale)
        {
            value.Append(", stale-while-revalidate=").Append(Seconds(stale));
        }

        return new HttpCacheProfile(value.ToString());
    }

    private static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
