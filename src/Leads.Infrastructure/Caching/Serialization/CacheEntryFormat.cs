using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace Leads.Infrastructure.Caching.Serialization;

/// <summary>
/// The binary layout of an entry in Redis. The first byte is a format version: an entry written by another
/// version of the format is treated as a miss and overwritten, never a crash.
/// <code>
/// [0]      format version (1)
/// [1]      flags (bit 0: payload is LZ4-compressed)
/// [2..9]   stored-at, Unix milliseconds
/// [10..17] xxHash64 of the uncompressed JSON (CachedPayload.ContentHash)
/// [18]     n = number of tag generations
/// [..]     n x int64 tag generations, in the order the entry's tags were declared
/// [..]     int32 uncompressed length, then the payload
/// </code>
/// </summary>
public static class CacheEntryFormat
{
    public const byte Version = 1;
    private const byte Compressed = 1;
    private const int FixedHeader = 19;

    public static byte[] Encode(ReadOnlySpan<byte> json, ulong hash, ReadOnlySpan<long> stamps, DateTimeOffset storedAt, int compressionThreshold)
    {
        byte[]? compressed = null;
        var compressedLength = 0;
        if (json.Length > compressionThreshold)
        {
            compressed = new byte[LZ4Codec.MaximumOutputSize(json.Length)];
            compressedLength = LZ4Codec.Encode(json, compressed, LZ4Level.L00_FAST);

            // Keep the plain form when compression does not pay.
            if (compressedLength <= 0 || compressedLength >= json.Length)
            {
                compressed = null;
            }
        }

        var payloadLength = compressed is null ? json.Length : compressedLength;
        var buffer = new byte[FixedHeader + (stamps.Length * 8) + 4 + payloadLength];
        buffer[0] = Version;
        buffer[1] = compressed is null ? (byte)0 : Compressed;
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(2), storedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(10), hash);
        buffer[18] = checked((byte)stamps.Length);
        var offset = FixedHeader;
        foreach (var stamp in stamps)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(offset), stamp);
            offset += 8;
        }

        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset), json.Length);
        offset += 4;
        (compressed is null ? json : compressed.AsSpan(0, compressedLength)).CopyTo(buffer.AsSpan(offset));
        return buffer;
    }

    /// <summary>Reads an entry; false when the bytes are of another format version or damaged.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> entry, out DecodedEntry decoded)
    {
        decoded = default;
        if (entry.Length < FixedHeader + 4 || entry[0] != Version)
        {
            return false;
        }

        var flags = entry[1];
        var storedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(entry[2..]));
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(entry[10..]);
        int count = entry[18];
        var offset = FixedHeader;
        if (entry.Length < offset + (count * 8) + 4)
        {
            return false;
        }

        var stamps = new long[count];
        for (var i = 0; i < count; i++)
        {
            stamps[i] = BinaryPrimitives.ReadInt64LittleEndian(entry[offset..]);
            offset += 8;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(entry[offset..]);
        offset += 4;
        if (length < 0 || length > 64 * 1024 * 1024)
        {
            return false;
        }

        var payload = entry[offset..];
        byte[] json;
        if ((flags & Compressed) != 0)
        {
            json = new byte[length];
            if (LZ4Codec.Decode(payload, json) != length)
            {
                return false;
            }
        }
        else
        {
            if (payload.Length != length)
            {
                return false;
            }

            json = payload.ToArray();
        }

        decoded = new DecodedEntry(json, hash, stamps, storedAt);
        return true;
    }
}
