using System.Globalization;
using Leads.Application.Caching;

namespace Leads.Api.Http;

/// <summary>The one place that turns content into entity tags (RFC 9110 section 8.8.3).</summary>
public static class EntityTags
{
    /// <summary>The weak entity tag of a payload: the body may be sent compressed, so it is never byte-exact.</summary>
    public static string Format(ulong contentHash) => "W/\"" + contentHash.ToString("x16", CultureInfo.InvariantCulture) + "\"";

    public static string Of(CachedPayload payload) => Format(payload.ContentHash);

    /// <summary>The entity tag of a representation the cache did not produce (writes, or a level switched off).</summary>
    public static string For<T>(T value) => Of(CachedPayload.Serialize(value, DateTimeOffset.UnixEpoch));

    /// <summary>The entity tag of the representation just read: the cache's payload when it produced one.</summary>
    public static string Current<T>(ResponsePayload response, T value) => response.Current is { } payload ? Of(payload) : For(value);
}
