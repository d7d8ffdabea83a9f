using System.IO.Hashing;
using System.Text.Json;
using Leads.Application.Common.Serialization;

namespace Leads.Application.Caching;

/// <summary>
/// The serialized form of an answer (UTF-8 JSON, the same bytes the API sends) with a hash of those bytes and the
/// time it was produced, so the HTTP layer can answer a conditional request without running the handler or
/// serializing again. The hash is the content's identity; how it is shown to clients (an entity tag) is the
/// HTTP layer's business.
/// </summary>
public sealed record CachedPayload(ReadOnlyMemory<byte> Json, ulong ContentHash, DateTimeOffset StoredAt)
{
    /// <summary>xxHash64 of the JSON bytes.</summary>
    public static ulong HashOf(ReadOnlySpan<byte> json) => XxHash64.HashToUInt64(json);

    /// <summary>Serializes <paramref name="value"/> as the cache would have stored it.</summary>
    public static CachedPayload Serialize<T>(T value, DateTimeOffset storedAt)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, LeadsJson.TypeInfo<T>());
        return new CachedPayload(json, HashOf(json), storedAt);
    }
}
