namespace Leads.Api.Http;

internal static class HttpCacheItems
{
    public const string NotModified = "leads.not-modified";
}
