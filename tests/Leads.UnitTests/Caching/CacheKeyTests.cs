using Leads.Application.Caching;
using Leads.Application.Leads.Queries.GetLeads;
using Leads.Domain.Leads;

namespace Leads.UnitTests.Caching;

/// <summary>
/// Key ids are built in one place. User text is hashed so it can neither widen a pattern invalidation
/// (SCAN with '*', '?', '[...]') nor leak into key listings.
/// </summary>
public sealed class CacheKeyTests
{
    private static readonly char[] GlobCharacters = ['*', '?', '[', ']', '\\'];

    [Theory]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("[a-z]")]
    [InlineData("a*b?c[d]e\\f")]
    [InlineData("LeadsList:*")]
    public void Glob_characters_in_text_never_appear_raw(string text)
    {
        var id = CacheKey.Parts(text, 1, text);

        id.IndexOfAny(GlobCharacters).Should().Be(-1);
    }

    [Fact]
    public void Strings_are_replaced_by_a_hash_of_their_text()
    {
        var id = CacheKey.Parts("ada.lovelace@example.com");

        id.Should().MatchRegex("^h[0-9a-f]{32}$");
        id.Should().NotContain("ada");
        CacheKey.Parts("ada.lovelace@example.com").Should().Be(id, "the same text gives the same key");
        CacheKey.Parts("Ada.lovelace@example.com").Should().NotBe(id, "different text gives a different key");
    }

    [Fact]
    public void Text_is_hashed_with_the_deployment_secret()
    {
        var withDefault = CacheKey.Parts("ada");

        // HMAC-SHA256 keyed with the development default, first 16 bytes.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(CacheKey.DevelopmentSecret), "ada"u8.ToArray())[..16]);
        withDefault.Should().Be("h" + expected);
        var act = () => CacheKey.UseSecret("short");
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Ids_numbers_enums_booleans_and_null_are_written_as_they_are()
    {
        var id = new Guid("0a000000-0000-7000-8000-00000000000a");

        CacheKey.Parts(id, 2, 25L, 12.5m, LeadStatus.Won, true, false, null)
            .Should().Be("0a00000000007000800000000000000a:2:25:12.5:Won:1:0:_");
    }

    [Fact]
    public void Null_and_empty_text_are_different_parts()
    {
        CacheKey.Parts((string?)null).Should().NotBe(CacheKey.Parts(string.Empty));
    }

    [Fact]
    public void A_colon_inside_text_cannot_shift_the_other_parts()
    {
        CacheKey.Parts("a:b", "c").Should().NotBe(CacheKey.Parts("a", "b:c"));
    }

    [Fact]
    public void The_lead_list_key_hashes_the_search_text_and_the_sort()
    {
        var key = new GetLeadsQuery(Page: 2, PageSize: 10, Status: LeadStatus.New, Search: "*", Sort: "-name").CacheKey;

        key.Should().StartWith("2:10:New:_:h");
        key.IndexOfAny(GlobCharacters).Should().Be(-1);
        key.Should().NotContain("name");
    }

    [Fact]
    public void The_lead_list_key_treats_a_missing_sort_as_the_default_sort()
    {
        new GetLeadsQuery(Sort: null).CacheKey.Should().Be(new GetLeadsQuery(Sort: "-createdAt").CacheKey);
    }

    [Fact]
    public void Render_puts_prefix_level_policy_partition_and_id_in_that_order()
    {
        var key = new CacheKey(CacheLevel.Db, CachePolicies.LeadRecord, CacheKey.SharedPartition, "abc");

        key.Render("leads").Should().Be("leads:db:LeadRecord:all:abc");
        new CacheKey(CacheLevel.Api, CachePolicies.LeadsList, "admin", "1").Render("p").Should().Be("p:api:LeadsList:admin:1");
    }

    [Fact]
    public void A_single_id_gives_the_same_key_id_as_the_general_form()
    {
        var id = new Guid("0f000000-0000-7000-8000-0000000000ff");

        CacheKey.Parts(id).Should().Be(CacheKey.Parts(new object?[] { id })).And.Be("0f00000000007000800000000000" + "00ff");
    }
}
