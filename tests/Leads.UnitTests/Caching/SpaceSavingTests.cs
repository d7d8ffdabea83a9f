using Leads.Infrastructure.Caching.Monitoring;

namespace Leads.UnitTests.Caching;

public sealed class SpaceSavingTests
{
    [Fact]
    public void Counts_are_exact_while_the_keys_fit_in_the_counters()
    {
        var summary = new SpaceSaving(capacity: 4);
        summary.Add("a", 5);
        summary.Add("b");
        summary.Add("c", 3);
        summary.Add("b");

        summary.Top(10).Should().Equal(new HotKeyEstimate("a", 5, 0), new HotKeyEstimate("c", 3, 0), new HotKeyEstimate("b", 2, 0));
        summary.MaxError.Should().Be(0);
        summary.Total.Should().Be(10);
    }

    [Fact]
    public void A_new_key_takes_over_the_smallest_counter_and_inherits_its_count_as_error()
    {
        var summary = new SpaceSaving(capacity: 2);
        summary.Add("a", 5);
        summary.Add("b", 2);

        summary.Add("c");

        summary.Top(10).Should().Equal(new HotKeyEstimate("a", 5, 0), new HotKeyEstimate("c", 3, 2));
    }

    [Fact]
    public void On_a_skewed_stream_of_many_keys_every_heavy_key_is_found_within_the_error_bound()
    {
        const int capacity = 50;
        var random = new Random(13);
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        var summary = new SpaceSaving(capacity);
        for (var i = 0; i < 200_000; i++)
        {
            // Zipf-like: key k is drawn with probability about 1/k; 20,000 distinct keys in all.
            var key = "db:LeadRecord:all:" + (int)Math.Floor(Math.Pow(20_000, random.NextDouble()));
            truth[key] = truth.GetValueOrDefault(key) + 1;
            summary.Add(key);
        }

        var bound = summary.Total / capacity;
        var top = summary.Top(capacity);
        top.Should().HaveCount(capacity);
        summary.MaxError.Should().BeLessThanOrEqualTo(bound);
        foreach (var estimate in top)
        {
            var actual = truth[estimate.Key];
            estimate.Count.Should().BeGreaterThanOrEqualTo(actual, "Space-Saving never under-estimates a counted key");
            (estimate.Count - estimate.Error).Should().BeLessThanOrEqualTo(actual);
            (estimate.Count - actual).Should().BeLessThanOrEqualTo(bound);
        }

        var heavy = truth.Where(t => t.Value > bound).Select(t => t.Key).ToArray();
        heavy.Should().NotBeEmpty().And.OnlyContain(key => top.Any(e => e.Key == key), "every key heavier than N/m is counted");
        top.Take(3).Select(e => e.Key).Should().Equal(truth.OrderByDescending(t => t.Value).Take(3).Select(t => t.Key));
    }

    [Fact]
    public void Clear_forgets_every_key()
    {
        var summary = new SpaceSaving(capacity: 2);
        summary.Add("a");
        summary.Add("b");
        summary.Add("c");

        summary.Clear();
        summary.Add("d");

        summary.Top(10).Should().Equal(new HotKeyEstimate("d", 1, 0));
        summary.Total.Should().Be(1);
        summary.MaxError.Should().Be(0);
    }
}
