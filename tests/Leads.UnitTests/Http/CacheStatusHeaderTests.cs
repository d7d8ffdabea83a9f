using Leads.Api.Http;
using Leads.Application.Caching;

namespace Leads.UnitTests.Http;

/// <summary>The Cache-Status wording of docs/http-caching.md, member by member (RFC 9211).</summary>
public sealed class CacheStatusHeaderTests
{
    [Theory]
    [InlineData(CacheOutcome.HitL1, false, "leads-api; hit; detail=l1; key=LeadById")]
    [InlineData(CacheOutcome.HitL2, false, "leads-api; hit; detail=l2; key=LeadById")]
    [InlineData(CacheOutcome.Miss, true, "leads-api; fwd=miss; stored; key=LeadById")]
    [InlineData(CacheOutcome.Miss, false, "leads-api; fwd=miss; key=LeadById")]
    [InlineData(CacheOutcome.Bypass, false, "leads-api; fwd=bypass; detail=disabled; key=LeadById")]
    [InlineData(CacheOutcome.Unavailable, false, "leads-api; fwd=bypass; detail=unavailable; key=LeadById")]
    public void Each_outcome_has_its_own_member(CacheOutcome outcome, bool stored, string expected)
    {
        CacheStatusHeader.Format([new CacheTraceEntry(CacheLevel.Api, "LeadById", outcome, stored)], notModified: false).Should().Be(expected);
    }

    [Fact]
    public void The_database_level_comes_first_whatever_order_the_lookups_happened_in()
    {
        var entries = new[]
        {
            new CacheTraceEntry(CacheLevel.Api, "LeadsList", CacheOutcome.Miss, true),
            new CacheTraceEntry(CacheLevel.Db, "UserAccess", CacheOutcome.HitL1, false),
            new CacheTraceEntry(CacheLevel.Db, "LeadCounts", CacheOutcome.HitL2, false),
        };

        CacheStatusHeader.Format(entries, notModified: false).Should().Be(
            "leads-db; hit; detail=l1; key=UserAccess, leads-db; hit; detail=l2; key=LeadCounts, leads-api; fwd=miss; stored; key=LeadsList");
    }

    [Fact]
    public void A_304_adds_the_http_level_last()
    {
        var entries = new[]
        {
            new CacheTraceEntry(CacheLevel.Api, "LeadById", CacheOutcome.HitL1, false),
            new CacheTraceEntry(CacheLevel.Db, "UserAccess", CacheOutcome.HitL1, false),
        };

        CacheStatusHeader.Format(entries, notModified: true).Should().Be(
            "leads-db; hit; detail=l1; key=UserAccess, leads-api; hit; detail=l1; key=LeadById, leads-http; hit; detail=not-modified");
    }

    [Fact]
    public void A_304_without_cache_lookups_is_the_http_member_alone()
    {
        CacheStatusHeader.Format([], notModified: true).Should().Be("leads-http; hit; detail=not-modified");
    }
}
