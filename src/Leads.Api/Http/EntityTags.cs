using System.Text.Json;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Serialization;

namespace Leads.Api.Http;

/// <summary>Entity tags of representations the cache did not produce (writes, or a level switched off).</summary>
public static class EntityTags
{
    public static string For<T>(T value) => Payload(value, DateTimeOffset.UnixEpoch).ETag;

    /// <summary>The body and entity tag of <paramref name="value"/>, as the cache would have stored them.</summary>
    public static CachedPayload Payload<T>(T value, DateTimeOffset storedAt)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, CacheJson.TypeInfo<T>());
        return new CachedPayload(json, CacheEntryFormat.FormatETag(CacheEntryFormat.Hash(json)), storedAt);
    }

    /// <summary>The entity tag of the representation just read, from the cache trace when the cache produced it.</summary>
    public static string Current<T>(ICacheTrace trace, T value) => trace.ResponsePayload?.ETag ?? For(value);
}
