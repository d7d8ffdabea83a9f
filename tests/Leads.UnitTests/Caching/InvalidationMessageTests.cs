using Leads.Infrastructure.Caching.Invalidation;

namespace Leads.UnitTests.Caching;

/// <summary>Messages between instances survive the wire exactly, and anything malformed is ignored rather than half-applied.</summary>
public sealed class InvalidationMessageTests
{
    [Fact]
    public void Tag_generations_round_trip_in_order()
    {
        var sent = InvalidationMessage.TagsBumped("origin-1", [new("lead:abc", 3), new("team-leads:def", 42), new("leads", long.MaxValue)]);

        InvalidationMessage.TryParse(sent.Format(), out var received).Should().BeTrue();

        received.Origin.Should().Be("origin-1");
        received.Kind.Should().Be(InvalidationKind.Tags);
        received.Generations.Should().Equal(sent.Generations);
    }

    [Fact]
    public void Key_removal_round_trips_with_the_full_key()
    {
        var sent = InvalidationMessage.KeyRemoved("o", "leads:api:LeadById:all:0123");

        InvalidationMessage.TryParse(sent.Format(), out var received).Should().BeTrue();

        received.Kind.Should().Be(InvalidationKind.Key);
        received.Key.Should().Be("leads:api:LeadById:all:0123");
    }

    [Fact]
    public void Clear_round_trips_with_its_origin()
    {
        InvalidationMessage.TryParse(InvalidationMessage.ClearAll("me").Format(), out var received).Should().BeTrue();

        received.Kind.Should().Be(InvalidationKind.Clear);
        received.Origin.Should().Be("me");
    }

    [Fact]
    public void A_tag_whose_name_contains_the_separator_is_split_at_the_last_one()
    {
        InvalidationMessage.TryParse("o\nt\na=b=7", out var received).Should().BeTrue();

        received.Generations.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, long>("a=b", 7));
    }

    [Fact]
    public void An_acknowledgement_request_round_trips_and_leaves_the_origin_as_it_was()
    {
        var sent = InvalidationMessage.TagsBumped("origin-1", [new("lead:abc", 3)]) with { AckId = 17 };

        InvalidationMessage.TryParse(sent.Format(), out var received).Should().BeTrue();

        received.Origin.Should().Be("origin-1");
        received.AckId.Should().Be(17);
        received.Generations.Should().Equal(sent.Generations);
    }

    [Fact]
    public void A_message_without_an_acknowledgement_request_asks_for_none()
    {
        InvalidationMessage.TryParse(InvalidationMessage.ClearAll("me").Format(), out var received).Should().BeTrue();

        received.AckId.Should().Be(0);
    }

    [Fact]
    public void A_ping_round_trips_with_its_clock_reading()
    {
        InvalidationMessage.TryParse(InvalidationMessage.Ping("me", 123_456_789_012).Format(), out var received).Should().BeTrue();

        received.Kind.Should().Be(InvalidationKind.Ping);
        received.Origin.Should().Be("me");
        received.SentAt.Should().Be(123_456_789_012);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no separators")]
    [InlineData("o\nt")]
    [InlineData("\nt\nlead:a=1")]
    [InlineData("o\nx\nlead:a=1")]
    [InlineData("o\ntt\nlead:a=1")]
    [InlineData("o\nt\nlead:a=one")]
    [InlineData("o\nt\nlead:a")]
    [InlineData("o\nt\n=1")]
    [InlineData("o\nk\n")]
    [InlineData("o.\nc\n")]
    [InlineData("o.0\nc\n")]
    [InlineData("o.x\nc\n")]
    [InlineData(".5\nc\n")]
    [InlineData("o\np\n")]
    [InlineData("o\np\n-1")]
    public void Malformed_text_is_rejected(string? text) =>
        InvalidationMessage.TryParse(text, out _).Should().BeFalse();
}
