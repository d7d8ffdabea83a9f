using Leads.Infrastructure.Caching.Tiers;

namespace Leads.UnitTests.Caching;

/// <summary>Operator patterns reach Redis SCAN MATCH with '*' as the only wildcard; everything else matches itself.</summary>
public sealed class RedisGlobTests
{
    [Theory]
    [InlineData("a?b", "a\\?b")]
    [InlineData("[x]", "\\[x\\]")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("star*", "star\\*")]
    [InlineData("plain:text", "plain:text")]
    public void Every_glob_character_is_escaped_by_default(string text, string expected) =>
        RedisGlob.Escape(text).Should().Be(expected);

    [Fact]
    public void Star_stays_a_wildcard_when_kept_and_the_rest_is_still_escaped() =>
        RedisGlob.Escape("LeadsList:*:[a]?", keepStar: true).Should().Be("LeadsList:*:\\[a\\]\\?");

    [Fact]
    public void Empty_text_stays_empty() => RedisGlob.Escape(string.Empty).Should().BeEmpty();
}
