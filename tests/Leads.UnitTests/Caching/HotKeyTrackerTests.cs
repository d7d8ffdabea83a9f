using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Monitoring;

namespace Leads.UnitTests.Caching;

public sealed class HotKeyTrackerTests
{
    [Fact]
    public void Top_ranks_keys_by_how_often_they_were_read()
    {
        using var tracker = new HotKeyTracker(sampleRate: 1);
        var hot = new CacheKey(CacheLevel.Api, "LeadById", "admin", "a");
        var warm = new CacheKey(CacheLevel.Db, "LeadRecord", "all", "b");
        for (var i = 0; i < 10; i++)
        {
            tracker.Record(hot);
        }

        tracker.Record(warm);
        tracker.Record(warm);

        tracker.Top(1).Should().ContainSingle().Which.Key.Should().Be("api:LeadById:admin:a");
        tracker.Top(5).Select(k => k.Key).Should().Equal("api:LeadById:admin:a", "db:LeadRecord:all:b");
    }

    [Fact]
    public void Sampling_counts_about_one_lookup_in_n_scaled_back_up()
    {
        using var tracker = new HotKeyTracker(sampleRate: 4);
        var key = new CacheKey(CacheLevel.Api, "LeadsList", "admin", "x");
        for (var i = 0; i < 4000; i++)
        {
            tracker.Record(key);
        }

        // Expected 4000; one standard deviation is about 110, so this bound fails only if sampling is broken.
        tracker.Top(1).Single().Value.Should().BeInRange(3400, 4600);
    }

    [Fact]
    public void Sampling_does_not_alias_with_a_fixed_lookup_pattern()
    {
        using var tracker = new HotKeyTracker(sampleRate: 8);
        var first = new CacheKey(CacheLevel.Db, "UserAccess", "all", "u");
        var second = new CacheKey(CacheLevel.Api, "LeadsList", "teams-a", "p");
        for (var i = 0; i < 2000; i++)
        {
            tracker.Record(first);
            tracker.Record(second);
        }

        tracker.Top(2).Select(k => k.Key).Should().BeEquivalentTo(["db:UserAccess:all:u", "api:LeadsList:teams-a:p"]);
    }
}
