using Leads.Api.Http;
using Microsoft.Extensions.Primitives;

namespace Leads.UnitTests.Http;

/// <summary>RFC 9110 section 13 over header values: what a GET answers with 304, and which writes a precondition stops.</summary>
public sealed class PreconditionsTests
{
    private const string Current = "W/\"00000000000000aa\"";
    private const string Stale = "W/\"00000000000000bb\"";
    private const string CurrentOpaque = "\"00000000000000aa\"";

    private static readonly DateTimeOffset LastModified = new(2026, 3, 1, 12, 0, 0, 700, TimeSpan.Zero);

    [Theory]
    [InlineData(Current)]
    [InlineData(CurrentOpaque)]
    [InlineData("*")]
    [InlineData(Stale + ", " + Current)]
    [InlineData(Stale + "," + CurrentOpaque)]
    public void Get_with_if_none_match_naming_the_current_tag_or_star_is_not_modified(string ifNoneMatch)
    {
        Preconditions.IsNotModified(Headers(ifNoneMatch: ifNoneMatch), Current, LastModified).Should().BeTrue();
    }

    [Theory]
    [InlineData(Stale)]
    [InlineData("\"00000000000000bb\", W/\"00000000000000cc\"")]
    [InlineData("not a tag")]
    public void Get_with_if_none_match_naming_other_or_malformed_tags_is_modified(string ifNoneMatch)
    {
        Preconditions.IsNotModified(Headers(ifNoneMatch: ifNoneMatch), Current, LastModified).Should().BeFalse();
    }

    [Fact]
    public void The_valid_members_of_a_list_count_when_another_member_is_malformed()
    {
        // The client named the current tag; a junk member next to it does not undo that.
        Preconditions.IsNotModified(Headers(ifNoneMatch: Current + ", not a tag"), Current, LastModified).Should().BeTrue();
        Preconditions.IfMatchFails(Headers(ifMatch: "not a tag, " + Current), Current).Should().BeFalse();
        Preconditions.IfMatchFails(Headers(ifMatch: Stale + ", not a tag"), Current).Should().BeTrue();
    }

    [Fact]
    public void If_none_match_split_over_two_header_lines_is_one_list()
    {
        var headers = new PreconditionHeaders(default, new StringValues(new[] { Stale, Current }), default);

        Preconditions.IsNotModified(headers, Current, LastModified).Should().BeTrue();
    }

    [Fact]
    public void If_none_match_decides_alone_when_present_even_against_a_matching_date()
    {
        var headers = Headers(ifNoneMatch: Stale, ifModifiedSince: "Sun, 01 Mar 2026 13:00:00 GMT");

        Preconditions.IsNotModified(headers, Current, LastModified).Should().BeFalse("RFC 9110 13.2.2: If-Modified-Since is ignored when If-None-Match is sent");
    }

    [Theory]
    [InlineData("Sun, 01 Mar 2026 12:00:00 GMT", true)]
    [InlineData("Sun, 01 Mar 2026 12:00:01 GMT", true)]
    [InlineData("Sun, 01 Mar 2026 11:59:59 GMT", false)]
    public void If_modified_since_compares_at_whole_seconds(string ifModifiedSince, bool notModified)
    {
        Preconditions.IsNotModified(Headers(ifModifiedSince: ifModifiedSince), Current, LastModified).Should().Be(notModified);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    public void An_unparseable_if_modified_since_is_ignored(string ifModifiedSince)
    {
        Preconditions.IsNotModified(Headers(ifModifiedSince: ifModifiedSince), Current, LastModified).Should().BeFalse();
    }

    [Fact]
    public void Get_without_preconditions_is_modified()
    {
        Preconditions.IsNotModified(default, Current, LastModified).Should().BeFalse();
    }

    [Fact]
    public void Write_without_if_match_is_not_stopped_by_it()
    {
        Preconditions.IfMatchFails(default, Current).Should().BeFalse();
        Preconditions.IfMatchFails(default, currentETag: null).Should().BeFalse();
    }

    [Theory]
    [InlineData(Current)]
    [InlineData(CurrentOpaque)]
    [InlineData("*")]
    [InlineData(Stale + ", " + Current)]
    public void If_match_naming_the_current_tag_or_star_lets_the_write_go_ahead(string ifMatch)
    {
        Preconditions.IfMatchFails(Headers(ifMatch: ifMatch), Current).Should().BeFalse();
    }

    [Theory]
    [InlineData(Stale)]
    [InlineData("\"00000000000000bb\"")]
    [InlineData("garbage")]
    public void If_match_naming_another_or_a_malformed_tag_fails(string ifMatch)
    {
        Preconditions.IfMatchFails(Headers(ifMatch: ifMatch), Current).Should().BeTrue();
    }

    [Theory]
    [InlineData("*")]
    [InlineData(Current)]
    public void If_match_fails_when_there_is_no_current_representation(string ifMatch)
    {
        Preconditions.IfMatchFails(Headers(ifMatch: ifMatch), currentETag: null).Should().BeTrue("RFC 9110 13.1.1: even '*' needs a current representation");
    }

    [Theory]
    [InlineData("*")]
    [InlineData(Current)]
    [InlineData(CurrentOpaque)]
    [InlineData(Stale + ", " + Current)]
    public void Write_with_if_none_match_naming_the_current_tag_or_star_fails(string ifNoneMatch)
    {
        Preconditions.IfNoneMatchFailsForWrite(Headers(ifNoneMatch: ifNoneMatch), Current).Should().BeTrue();
    }

    [Theory]
    [InlineData(Stale)]
    [InlineData(null)]
    public void Write_with_if_none_match_naming_another_tag_or_without_it_goes_ahead(string? ifNoneMatch)
    {
        Preconditions.IfNoneMatchFailsForWrite(Headers(ifNoneMatch: ifNoneMatch), Current).Should().BeFalse();
    }

    [Theory]
    [InlineData("W/\"x\"", "W/\"x\"", true, false)]
    [InlineData("\"x\"", "W/\"x\"", true, false)]
    [InlineData("W/\"x\"", "\"x\"", true, false)]
    [InlineData("\"x\"", "\"x\"", true, true)]
    [InlineData("\"x\"", "\"y\"", false, false)]
    [InlineData("W/\"x\"", "W/\"y\"", false, false)]
    public void Weak_comparison_ignores_the_weakness_indicator_and_strong_comparison_requires_two_strong_tags(
        string listed, string current, bool weakMatch, bool strongMatch)
    {
        Preconditions.AnyMatches(listed, current, EntityTagComparison.Weak).Should().Be(weakMatch);
        Preconditions.AnyMatches(listed, current, EntityTagComparison.Strong).Should().Be(strongMatch);
    }

    [Theory]
    [InlineData("not a tag")]
    [InlineData("W/x")]
    [InlineData("\"")]
    [InlineData("W/\"a\"b\"")]
    public void Text_equal_to_a_malformed_current_tag_is_no_match(string tag)
    {
        // A client echoing the tag text it was given is matched without parsing; that shortcut must not make
        // malformed text match, which the parsing path never does.
        Preconditions.AnyMatches(tag, tag, EntityTagComparison.Weak).Should().BeFalse();
    }

    [Fact]
    public void Star_matches_any_current_tag_under_both_comparisons()
    {
        Preconditions.AnyMatches("*", Current, EntityTagComparison.Weak).Should().BeTrue();
        Preconditions.AnyMatches("*", Current, EntityTagComparison.Strong).Should().BeTrue();
    }

    private static PreconditionHeaders Headers(string? ifMatch = null, string? ifNoneMatch = null, string? ifModifiedSince = null) =>
        new(ifMatch is null ? default : new StringValues(ifMatch), ifNoneMatch is null ? default : new StringValues(ifNoneMatch), ifModifiedSince is null ? default : new StringValues(ifModifiedSince));
}
