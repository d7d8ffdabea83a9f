using Leads.Application.Caching;
using Leads.Application.Security;
using Leads.Infrastructure.Caching.Monitoring;
using Microsoft.Extensions.Time.Testing;

namespace Leads.UnitTests.Caching;

public sealed class HotQueriesTests
{
    private static readonly CachePolicy LeadById = new("LeadById", CacheLevel.Api, TimeSpan.FromMinutes(10), true, true);

    [Fact]
    public void Hottest_returns_the_queries_of_the_counted_keys_hottest_first_with_their_scope()
    {
        var tracker = new HotKeyTracker(sampleRate: 1);
        var hotQueries = new HotQueries(tracker);
        var teams = VisibilityScope.ForTeams([Guid.NewGuid()]);
        Read(tracker, hotQueries, "hot", teams, times: 5);
        Read(tracker, hotQueries, "warm", VisibilityScope.Admin, times: 2);

        var hottest = hotQueries.Hottest(10);

        hottest.Select(h => h.Key).Should().Equal($"api:LeadById:{teams.PartitionKey}:hot", "api:LeadById:admin:warm");
        hottest[0].Query.Should().Be("query hot");
        hottest[0].Scope.Should().BeSameAs(teams);
        hotQueries.Hottest(1).Should().ContainSingle();
    }

    [Fact]
    public void A_key_that_is_not_counted_keeps_no_query()
    {
        var tracker = new HotKeyTracker(sampleRate: 1);
        var hotQueries = new HotQueries(tracker);

        // Offered without a lookup the ranking counted (e.g. a key that took no counter).
        hotQueries.Offer(LeadById, "admin", "never-looked-up", "query", VisibilityScope.Admin);

        hotQueries.Hottest(10).Should().BeEmpty();
    }

    [Fact]
    public void A_query_goes_with_its_counter_when_a_hotter_key_takes_it_over()
    {
        var tracker = new HotKeyTracker(sampleRate: 1, capacity: 1);
        var hotQueries = new HotQueries(tracker);
        Read(tracker, hotQueries, "first", VisibilityScope.Admin, times: 1);
        Read(tracker, hotQueries, "second", VisibilityScope.Admin, times: 1);

        // One counter: "second" replaced "first", and took no query of "first" with it.
        hotQueries.Hottest(10).Should().ContainSingle().Which.Query.Should().Be("query second");
    }

    [Fact]
    public void Queries_of_older_buckets_are_kept_while_their_bucket_is()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var tracker = new HotKeyTracker(sampleRate: 1, bucketLength: TimeSpan.FromSeconds(10), buckets: 3, time: time);
        var hotQueries = new HotQueries(tracker);
        Read(tracker, hotQueries, "earlier", VisibilityScope.Admin, times: 3);
        time.Advance(TimeSpan.FromSeconds(10));
        Read(tracker, hotQueries, "now", VisibilityScope.Admin, times: 1);

        hotQueries.Hottest(10).Select(h => h.Query).Should().Equal("query earlier", "query now");

        time.Advance(TimeSpan.FromSeconds(30));
        hotQueries.Hottest(10).Should().BeEmpty("every bucket holding them has gone");
    }

    private static void Read(HotKeyTracker tracker, HotQueries hotQueries, string id, VisibilityScope scope, int times)
    {
        for (var i = 0; i < times; i++)
        {
            tracker.Record(new CacheKey(CacheLevel.Api, LeadById.Name, scope.PartitionKey, id));
            hotQueries.Offer(LeadById, scope.PartitionKey, id, "query " + id, scope);
        }
    }
}
