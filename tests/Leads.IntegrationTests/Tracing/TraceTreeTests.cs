using System.Diagnostics;
using Leads.IntegrationTests.Caching;
using Leads.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Tracing;

/// <summary>
/// The span tree of a cached read: request → mediator behavior → cache lookup (level, tier, outcome) → Redis and,
/// on a miss only, the database-level lookup and its SQL.
/// </summary>
public sealed class TraceTreeTests(TracedApiFactory factory) : IClassFixture<TracedApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_miss_traces_the_lookup_down_to_redis_and_sql_and_a_hit_stops_at_l1()
    {
        var client = await factory.CreateSalesAClientAsync();
        // From the database, not from a list page: a list warms the database-level entries of the rows it shows.
        var id = await factory.WithDbAsync(db => db.Leads.Where(l => l.TeamId == DemoData.TeamA).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());

        var miss = await TracedGetAsync(client, $"/api/leads/{id}");
        var hit = await TracedGetAsync(client, $"/api/leads/{id}");

        var missLookup = Lookup(miss, "api", "LeadById");
        missLookup.GetTagItem("cache.outcome").Should().Be("miss");
        missLookup.GetTagItem("cache.tier").Should().Be("source");
        Ancestors(miss, missLookup).Select(s => s.DisplayName).Should().ContainInOrder("mediator GetLeadByIdQuery", $"GET api/leads/{{id:guid}}");
        var below = Descendants(miss, missLookup);
        below.Should().Contain(s => s.DisplayName == "redis" && s.Kind == ActivityKind.Client);
        var record = below.Should().Contain(s => s.DisplayName == "cache db LeadRecord").Which;
        record.GetTagItem("cache.outcome").Should().Be("miss");
        Descendants(miss, record).Should().Contain(s => s.Source.Name == "Npgsql", "the loader's SQL runs under the database-level lookup");

        var hitLookup = Lookup(hit, "api", "LeadById");
        hitLookup.GetTagItem("cache.outcome").Should().Be("hit");
        hitLookup.GetTagItem("cache.tier").Should().Be("l1");
        Ancestors(hit, hitLookup).Select(s => s.DisplayName).Should().ContainInOrder("mediator GetLeadByIdQuery", $"GET api/leads/{{id:guid}}");
        Descendants(hit, hitLookup).Should().NotContain(s => s.Source.Name == "Npgsql" || s.DisplayName.StartsWith("cache db", StringComparison.Ordinal));
    }

    /// <summary>Sends the request under a trace of its own (W3C traceparent) and waits until its server span has ended.</summary>
    private async Task<Activity[]> TracedGetAsync(HttpClient client, string path)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        await Poll.UntilAsync(() => factory.SpansOf(trace).Any(s => s.Kind == ActivityKind.Server), TimeSpan.FromSeconds(10), "the request's server span");
        return factory.SpansOf(trace);
    }

    private static Activity Lookup(Activity[] spans, string level, string policy) =>
        spans.Should().ContainSingle(s => s.DisplayName == $"cache {level} {policy}").Which;

    private static IEnumerable<Activity> Ancestors(Activity[] spans, Activity span)
    {
        for (var parent = spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null; parent = spans.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            yield return parent;
        }
    }

    private static Activity[] Descendants(Activity[] spans, Activity span) =>
        spans.Where(s => Ancestors(spans, s).Contains(span)).ToArray();
}
