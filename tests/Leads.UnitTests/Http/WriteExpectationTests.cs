using Leads.Api.Http;

namespace Leads.UnitTests.Http;

/// <summary>Which version a write must find once its preconditions held (the 409 / 412 split of docs/http-caching.md).</summary>
public sealed class WriteExpectationTests
{
    private static readonly PreconditionHeaders IfMatch = new("W/\"00000000000000aa\"", default, default);
    private static readonly PreconditionHeaders IfNoneMatch = new(default, "W/\"00000000000000bb\"", default);

    [Theory]
    [InlineData(null)]
    [InlineData(7L)]
    public void If_match_pins_the_version_it_matched_when_no_other_version_is_stated(long? stated)
    {
        WriteExpectation.After(IfMatch, currentVersion: 7, statedVersion: stated).Should().Be(new WriteExpectation(7, PinnedByIfMatch: true));
    }

    [Fact]
    public void An_outdated_stated_version_is_kept_so_the_write_is_a_409_conflict()
    {
        WriteExpectation.After(IfMatch, currentVersion: 7, statedVersion: 3).Should().Be(new WriteExpectation(3, PinnedByIfMatch: false));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3L)]
    public void If_none_match_alone_pins_nothing(long? stated)
    {
        WriteExpectation.After(IfNoneMatch, currentVersion: 7, statedVersion: stated).Should().Be(WriteExpectation.Stated(stated));
    }
}
