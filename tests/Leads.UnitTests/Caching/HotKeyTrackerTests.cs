using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Monitoring;
using Microsoft.Extensions.Time.Testing;

namespace Leads.UnitTests.Caching;

public sealed class HotKeyTrackerTests
{
    [Fact]
    public void Top_ranks_keys_by_how_often_they_were_read()
    {
        var tracker = new HotKeyTracker(sampleRate: 1);
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
        var tracker = new HotKeyTracker(sampleRate: 4);
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
        var tracker = new HotKeyTracker(sampleRate: 8);
        var first = new CacheKey(CacheLevel.Db, "UserAccess", "all", "u");
        var second = new CacheKey(CacheLevel.Api, "LeadsList", "teams-a", "p");
        for (var i = 0; i < 2000; i++)
        {
            tracker.Record(first);
            tracker.Record(second);
        }

        tracker.Top(2).Select(k => k.Key).Should().BeEquivalentTo(["db:UserAccess:all:u", "api:LeadsList:teams-a:p"]);
    }

    [Fact]
    public void Each_time_bucket_counts_its_own_lookups_per_level()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var tracker = new HotKeyTracker(sampleRate: 1, capacity: 8, bucketLength: TimeSpan.FromSeconds(10), buckets: 3, time: time);
        var byId = new CacheKey(CacheLevel.Api, "LeadById", "admin", "a");
        var record = new CacheKey(CacheLevel.Db, "LeadRecord", "all", "a");

        tracker.Record(byId);
        tracker.Record(record);
        tracker.RecordHttp("/api/leads/a", path => "http:" + path);
        time.Advance(TimeSpan.FromSeconds(10));
        tracker.Record(byId);
        tracker.Record(byId);

        var buckets = tracker.Snapshot();
        buckets.Select(b => b.Start).Should().Equal(time.GetUtcNow().AddSeconds(-10), time.GetUtcNow());
        buckets[0].Levels[0].Should().Equal(new HotKeyEstimate("http:/api/leads/a", 1, 0));
        buckets[0].Levels[1].Should().Equal(new HotKeyEstimate("api:LeadById:admin:a", 1, 0));
        buckets[0].Levels[2].Should().Equal(new HotKeyEstimate("db:LeadRecord:all:a", 1, 0));
        buckets[1].Levels[1].Should().Equal(new HotKeyEstimate("api:LeadById:admin:a", 2, 0));
        buckets[1].Levels[2].Should().BeEmpty();
    }

    [Fact]
    public void Buckets_older_than_the_ring_are_forgotten_and_their_slot_reused()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var tracker = new HotKeyTracker(sampleRate: 1, capacity: 8, bucketLength: TimeSpan.FromSeconds(10), buckets: 3, time: time);
        var old = new CacheKey(CacheLevel.Api, "LeadsList", "admin", "old");
        var recent = new CacheKey(CacheLevel.Api, "LeadsList", "admin", "new");

        tracker.Record(old);
        time.Advance(TimeSpan.FromSeconds(30));
        tracker.Snapshot().Should().BeEmpty("the only bucket with data is three buckets old");
        tracker.Record(recent);

        tracker.Snapshot().Should().ContainSingle().Which.Levels[1].Select(e => e.Key).Should().Equal("api:LeadsList:admin:new");
        tracker.Top(5).Select(k => k.Key).Should().Equal("api:LeadsList:admin:new");
    }

    [Fact]
    public void Memory_stays_bounded_however_many_distinct_keys_pass()
    {
        var tracker = new HotKeyTracker(sampleRate: 1, capacity: 16, buckets: 2);
        for (var i = 0; i < 50_000; i++)
        {
            tracker.Record(new CacheKey(CacheLevel.Db, "LeadRecord", "all", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        tracker.Snapshot().SelectMany(b => b.Levels).Should().OnlyContain(level => level.Count <= 16);
    }
}
