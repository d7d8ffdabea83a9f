namespace Leads.Api.Http;

/// <summary>Bound from <c>HttpCaching</c>: what the API tells browsers and shared caches (CDNs, proxies).</summary>
public sealed class HttpCachingOptions
{
    public const string SectionName = "HttpCaching";

    public PublicResourceOptions StaticConfig { get; set; } = new() { MaxAge = TimeSpan.FromHours(1) };

    public PublicResourceOptions Categories { get; set; } = new() { MaxAge = TimeSpan.FromMinutes(30) };
}
