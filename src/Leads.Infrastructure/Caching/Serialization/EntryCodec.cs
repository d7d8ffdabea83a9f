using System.Text.Json;
using Leads.Application.Caching;
using Leads.Application.Common.Serialization;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Caching.Serialization;

/// <summary>
/// Values to Redis entries and back: JSON with the API's own options (so the stored bytes are the response
/// body), then <see cref="CacheEntryFormat"/> with the entry's tag stamps. An entry that is damaged, of another
/// format version, stamped with other generations, or no longer fits its type is a miss, never an exception.
/// </summary>
public sealed class EntryCodec(IOptions<CachingOptions> options, TimeProvider time)
{
    private readonly int _compressionThreshold = options.Value.CompressionThresholdBytes;

    public (CachedPayload Payload, byte[] Entry) Encode<T>(T value, long[] stamps)
    {
        var payload = CachedPayload.Serialize(value, time.GetUtcNow());
        var entry = CacheEntryFormat.Encode(payload.Json.Span, payload.ContentHash, stamps, payload.StoredAt, _compressionThreshold);
        return (payload, entry);
    }

    /// <summary>Decodes <paramref name="entry"/> when it carries exactly <paramref name="stamps"/>.</summary>
    public static bool TryDecode<T>(byte[]? entry, ReadOnlySpan<long> stamps, out T? value, out CachedPayload payload)
    {
        value = default;
        payload = null!;
        if (entry is null || !CacheEntryFormat.TryDecode(entry, out var decoded) || !decoded.Stamps.AsSpan().SequenceEqual(stamps))
        {
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize(decoded.Json, LeadsJson.TypeInfo<T>());
        }
        catch (JsonException)
        {
            // The stored shape no longer fits the type (a deploy changed it).
            return false;
        }

        payload = new CachedPayload(decoded.Json, decoded.Hash, decoded.StoredAt);
        return true;
    }
}
