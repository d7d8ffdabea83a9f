using System.Text;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Serialization;

namespace Leads.UnitTests.Caching;

/// <summary>The Redis entry layout: what goes in comes out, large payloads are compressed, and foreign bytes are a miss.</summary>
public sealed class CacheEntryFormatTests
{
    private static readonly DateTimeOffset StoredAt = new(2026, 5, 4, 3, 2, 1, 123, TimeSpan.Zero);

    [Fact]
    public void A_small_payload_round_trips_with_hash_stamps_and_time()
    {
        var json = Encoding.UTF8.GetBytes("{\"name\":\"Ada\"}");
        var entry = CacheEntryFormat.Encode(json, CachedPayload.HashOf(json), [1, 7, 42], StoredAt, compressionThreshold: 2048);

        CacheEntryFormat.TryDecode(entry, out var decoded).Should().BeTrue();

        decoded.Json.Should().Equal(json);
        decoded.Hash.Should().Be(CachedPayload.HashOf(json));
        decoded.Stamps.Should().Equal(1, 7, 42);
        decoded.StoredAt.Should().Be(StoredAt);
        entry[1].Should().Be(0, "a payload under the threshold is stored plain");
    }

    [Fact]
    public void A_payload_over_the_threshold_is_compressed_and_reads_back_equal()
    {
        var json = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("{\"company\":\"Contoso\"}", 500)) + "]");
        var entry = CacheEntryFormat.Encode(json, CachedPayload.HashOf(json), [3], StoredAt, compressionThreshold: 2048);

        CacheEntryFormat.TryDecode(entry, out var decoded).Should().BeTrue();

        entry[1].Should().Be(1, "the compressed flag is set");
        entry.Length.Should().BeLessThan(json.Length / 4);
        decoded.Json.Should().Equal(json);
    }

    [Fact]
    public void An_entry_of_another_format_version_is_rejected()
    {
        var json = Encoding.UTF8.GetBytes("{}");
        var entry = CacheEntryFormat.Encode(json, CachedPayload.HashOf(json), [], StoredAt, 2048);
        entry[0] = CacheEntryFormat.Version + 1;

        CacheEntryFormat.TryDecode(entry, out _).Should().BeFalse();
    }

    [Fact]
    public void Truncated_or_foreign_bytes_are_rejected()
    {
        var json = Encoding.UTF8.GetBytes("{\"a\":1}");
        var entry = CacheEntryFormat.Encode(json, CachedPayload.HashOf(json), [5, 6], StoredAt, 2048);

        for (var length = 0; length < entry.Length; length++)
        {
            CacheEntryFormat.TryDecode(entry.AsSpan(0, length).ToArray(), out _).Should().BeFalse($"{length} of {entry.Length} bytes is not an entry");
        }

        CacheEntryFormat.TryDecode(Encoding.UTF8.GetBytes("plain text from someone else"), out _).Should().BeFalse();
    }

    [Fact]
    public void The_codec_rejects_an_entry_stamped_with_other_generations()
    {
        var json = Encoding.UTF8.GetBytes("7");
        var entry = CacheEntryFormat.Encode(json, CachedPayload.HashOf(json), [1, 2], StoredAt, 2048);

        EntryCodec.TryDecode<int>(entry, [1, 2], out var value, out var payload).Should().BeTrue();
        value.Should().Be(7);
        payload.ContentHash.Should().Be(CachedPayload.HashOf(json));
        EntryCodec.TryDecode<int>(entry, [1, 3], out _, out _).Should().BeFalse("the second tag was bumped since");
        EntryCodec.TryDecode<int>(entry, [1], out _, out _).Should().BeFalse("the entry depends on another set of tags");
    }

    [Fact]
    public void The_codec_treats_a_shape_that_no_longer_fits_as_a_miss()
    {
        var json = Encoding.UTF8.GetBytes("{\"not\":\"a number\"}");
        var entry = CacheEntryFormat.Encode(json, CachedPayload.HashOf(json), [], StoredAt, 2048);

        EntryCodec.TryDecode<int>(entry, [], out _, out _).Should().BeFalse();
    }
}
