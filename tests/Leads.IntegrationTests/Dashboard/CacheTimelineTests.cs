using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Leads.IntegrationTests.Api;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Dashboard;

/// <summary>GET /api/admin/cache/timeline: the dashboard's data, against the real Postgres and Redis.</summary>
public sealed class CacheTimelineTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    // Hot keys are sampled one lookup in eight: missing a key read this often has odds of about 1e-12.
    private const int Reads = 200;

    [Fact]
    public async Task Timeline_shows_hit_ratios_per_level_and_the_hottest_keys_by_name_to_admins()
    {
        var salesA = await Factory.CreateSalesAClientAsync();
        var page = await (await salesA.GetAsync("/api/leads?pageSize=1")).ReadJsonAsync();
        var id = page.GetProperty("items")[0].GetProperty("id").GetGuid();
        var first = await salesA.GetAsync($"/api/leads/{id}");
        first.EnsureSuccessStatusCode();
        for (var i = 0; i < Reads; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{id}");
            request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            (await salesA.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        }

        var admin = await Factory.CreateAdminClientAsync();
        var response = await admin.GetAsync("/api/admin/cache/timeline?hotKeys=10");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var timeline = await response.ReadJsonAsync();
        timeline.GetProperty("instance").GetString().Should().Contain("/", "the answering instance is named host/process");
        timeline.GetProperty("scope").GetString().Should().StartWith("answering instance");
        var points = timeline.GetProperty("points").EnumerateArray().ToArray();
        points.Should().NotBeEmpty();
        points[^1].GetProperty("live").GetBoolean().Should().BeTrue();
        points[^1].GetProperty("redisCircuit").GetString().Should().Be("closed");
        points[^1].GetProperty("l1LimitBytes").GetInt64().Should().BePositive();
        points[^1].GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("level").GetString()).Should().Equal("http", "api", "db");

        // Points are consecutive intervals from the oldest sample kept to now, so together they hold these reads.
        Sum(points, "http", "hits").Should().BeGreaterThanOrEqualTo(Reads);
        Sum(points, "api", "hits").Should().BeGreaterThanOrEqualTo(Reads, "each 304 was computed from the cached lead");
        points.Should().Contain(p => p.GetProperty("l1HitRatio").ValueKind == JsonValueKind.Number);
        points.Sum(p => p.GetProperty("requestsPerSecond").GetDouble() * p.GetProperty("seconds").GetDouble()).Should().BeGreaterThanOrEqualTo(Reads);

        var heatMap = timeline.GetProperty("heatMap").EnumerateArray().ToDictionary(l => l.GetProperty("level").GetString()!);
        heatMap.Keys.Should().Equal("http", "api", "db");
        var hex = id.ToString("N");
        Keys(heatMap["http"]).Should().Contain($"http:/api/leads/{id}");
        Keys(heatMap["api"]).Should().Contain(k => k.StartsWith("api:LeadById:", StringComparison.Ordinal) && k.EndsWith(hex, StringComparison.Ordinal));
        Keys(heatMap["db"]).Should().Contain(k => k.StartsWith("db:UserAccess:", StringComparison.Ordinal));
        var row = heatMap["http"].GetProperty("keys").EnumerateArray().First(k => k.GetProperty("key").GetString() == $"http:/api/leads/{id}");
        var counts = row.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray();
        counts.Should().HaveCount(heatMap["http"].GetProperty("buckets").GetArrayLength());
        counts.Sum().Should().Be(row.GetProperty("total").GetInt64()).And.BePositive();
    }

    [Fact]
    public async Task Timeline_is_for_admins_only()
    {
        var anonymous = Factory.CreateClient();
        var member = await Factory.CreateSalesAClientAsync();

        (await anonymous.GetAsync("/api/admin/cache/timeline")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await member.GetAsync("/api/admin/cache/timeline")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Timeline_with_an_out_of_range_key_count_is_a_validation_problem()
    {
        var admin = await Factory.CreateAdminClientAsync();

        var response = await admin.GetAsync("/api/admin/cache/timeline?hotKeys=0");

        await response.ShouldBeValidationProblemAsync("hotKeys");
    }

    [Fact]
    public async Task The_dashboard_page_is_served_with_a_strict_policy_and_never_stored()
    {
        var client = Factory.CreateClient();

        var page = await client.GetAsync("/admin/cache");
        var script = await client.GetAsync("/admin/cache/app.js");

        page.StatusCode.Should().Be(HttpStatusCode.OK, await page.Content.ReadAsStringAsync());
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        page.Headers.CacheControl!.NoStore.Should().BeTrue();
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe");
        page.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        (await page.Content.ReadAsStringAsync()).Should().Contain("name=\"username\"").And.Contain("name=\"password\"");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Headers.CacheControl!.NoCache.Should().BeTrue();
        script.Headers.CacheControl.Public.Should().BeFalse();
        script.Headers.GetValues("Content-Security-Policy").Should().ContainSingle();
    }

    private static long Sum(JsonElement[] points, string level, string field) =>
        points.Sum(p => p.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetString() == level).GetProperty(field).GetInt64());

    private static string[] Keys(JsonElement level) =>
        level.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("key").GetString()!).ToArray();
}
