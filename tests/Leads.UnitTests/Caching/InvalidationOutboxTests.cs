using Leads.Infrastructure.Caching.Monitoring;
using Leads.Infrastructure.Persistence.Outbox;

namespace Leads.UnitTests.Caching;

/// <summary>The pure parts of the invalidation outbox and of the start-up check of Redis's eviction policy.</summary>
public sealed class InvalidationOutboxTests
{
    [Fact]
    public void A_save_that_bumps_no_tag_writes_no_outbox_row()
    {
        PendingInvalidation.For([]).Should().BeNull();
        PendingInvalidation.For(["lead:1"])!.Tags.Should().Equal("lead:1");
    }

    [Fact]
    public void A_relayed_batch_bumps_each_tag_of_its_rows_once()
    {
        var rows = new[]
        {
            PendingInvalidation.Read(1, ["lead:1", "team-leads:a", "all"], DateTime.UtcNow),
            PendingInvalidation.Read(2, ["lead:2", "team-leads:a", "all"], DateTime.UtcNow),
        };

        PendingInvalidation.TagsOf(rows).Should().Equal("lead:1", "team-leads:a", "all", "lead:2");
    }

    [Theory]
    [InlineData("allkeys-lru", true)]
    [InlineData("allkeys-lfu", true)]
    [InlineData("allkeys-random", true)]
    [InlineData("volatile-lru", false)]
    [InlineData("volatile-lfu", false)]
    [InlineData("volatile-ttl", false)]
    [InlineData("volatile-random", false)]
    [InlineData("noeviction", false)]
    [InlineData("", false)]
    public void Only_allkeys_policies_can_evict_tag_generation_counters(string policy, bool evicts)
    {
        RedisEvictionPolicy.MayEvictKeysWithoutTtl(policy).Should().Be(evicts);
    }
}
