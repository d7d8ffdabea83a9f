using System.Globalization;
using System.Net;
using Leads.Infrastructure.Caching.Redis;
using StackExchange.Redis;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// The API against a Redis that dies or freezes: reads keep working (the first read of a lead from Postgres, the
/// next ones from L1 under outage stamps), each request pays at most the 50 ms operation timeout until the circuit
/// opens and then nothing, and the cache comes back by itself: entries are stored in Redis again.
/// Every test gets its own redis-server and host. The bounds are loose for a busy machine, yet far below what
/// an unguarded client costs (a 1 s command timeout per call when frozen, seconds of reconnect when dead).
/// </summary>
[Collection(RedisFaultCollection.Name)]
public sealed class RedisFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double MedianBoundMs = 100;
    private const double EachBoundMs = 300;
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    private readonly RedisServerProcess _redis = new();
    private OwnRedisApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = new OwnRedisApiFactory(_redis.ConnectionString);
        await _factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        _redis.Resume();
        await _factory.DisposeAsync();
        _redis.Dispose();
    }

    private RedisConnection Connection => _factory.Services.GetRequiredService<RedisConnection>();

    [Fact]
    public async Task Lead_is_served_from_postgres_then_from_L1_with_little_added_latency_while_redis_is_dead()
    {
        var client = await _factory.CreateAdminClientAsync();
        var url = $"/api/leads/{(await ApiProbe.LeadIdsAsync(client, 1))[0]}";
        await AssertCachedOnRepeatAsync(client, url);

        _redis.Kill();
        await Poll.UntilAsync(() => !Connection.IsConnected, TimeSpan.FromSeconds(10), "the API to notice that Redis is gone");

        var timings = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            _factory.Queries.Reset();
            var (response, milliseconds) = await ApiProbe.TimedGetAsync(client, url);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            if (i == 0)
            {
                ApiProbe.CacheStatus(response).Should().Contain("leads-api; fwd=bypass; detail=unavailable; key=LeadById");
                _factory.Queries.Count.Should().BeGreaterThan(0, "the first read of the outage loads the lead from Postgres");
            }
            else
            {
                ApiProbe.CacheStatus(response).Should().Contain("leads-api; hit; detail=l1; key=LeadById", "L1 answers under outage stamps");
                _factory.Queries.Count.Should().Be(0, "nothing was written since: the lead comes from L1");
                timings.Add(milliseconds);
            }
        }

        var because = Report(timings);
        ApiProbe.Median(timings).Should().BeLessThan(MedianBoundMs, "a dead Redis is skipped, not waited for; " + because);
    }

    [Fact]
    public async Task Cache_works_again_by_itself_after_redis_restarts()
    {
        var client = await _factory.CreateAdminClientAsync();
        var url = $"/api/leads/{(await ApiProbe.LeadIdsAsync(client, 1))[0]}";
        await AssertCachedOnRepeatAsync(client, url);
        _redis.Kill();
        await Poll.UntilAsync(() => !Connection.IsConnected, TimeSpan.FromSeconds(10), "the API to notice that Redis is gone");
        ApiProbe.CacheStatus(await client.GetAsync(url)).Should().Contain("detail=unavailable");

        _redis.Start();

        await Poll.UntilAsync(() => IsCachedInRedisAgainAsync(client, url), RecoveryTimeout, "a repeated read to be a cache hit stored in Redis again");
        (await ApiProbe.RedisKeysAsync(_factory, "api:LeadById:*")).Should().ContainSingle("the restarted (empty) Redis received the entry");
    }

    [Fact]
    public async Task Requests_stay_fast_while_redis_is_frozen()
    {
        const int Requests = 40;
        var client = await _factory.CreateAdminClientAsync();
        var ids = await ApiProbe.LeadIdsAsync(client, Requests + 1);
        await AssertCachedOnRepeatAsync(client, $"/api/leads/{ids[0]}");

        _redis.Freeze();

        // Leads not read before: each one needs Redis (its tag generation, then the entry), so each request
        // meets the frozen server until the circuit opens. The circuit opens once failures reach half of the
        // calls in its sampling window, and the window still holds the successful calls made before the
        // freeze: the first requests pay the timeouts, the later ones (measured for the median) do not.
        var timings = new List<double>();
        foreach (var id in ids.Skip(1).Take(Requests))
        {
            var (response, milliseconds) = await ApiProbe.TimedGetAsync(client, $"/api/leads/{id}");

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            ApiProbe.CacheStatus(response).Should().Contain("leads-api; fwd=bypass; detail=unavailable; key=LeadById");
            timings.Add(milliseconds);
        }

        var because = Report(timings);
        timings.Should().OnlyContain(t => t < EachBoundMs, "each Redis call is cut off after the operation timeout; " + because);
        ApiProbe.Median(timings.Skip(Requests / 2)).Should().BeLessThan(MedianBoundMs, "once the circuit is open Redis is not called at all; " + because);
    }

    [Fact]
    public async Task Cache_works_again_by_itself_after_a_frozen_redis_resumes()
    {
        var client = await _factory.CreateAdminClientAsync();
        var ids = await ApiProbe.LeadIdsAsync(client, 10);
        _redis.Freeze();
        foreach (var id in ids.Skip(1).Take(5))
        {
            ApiProbe.CacheStatus(await client.GetAsync($"/api/leads/{id}")).Should().Contain("detail=unavailable");
        }

        _redis.Resume();

        await Poll.UntilAsync(() => IsCachedInRedisAgainAsync(client, $"/api/leads/{ids[0]}"), RecoveryTimeout, "a repeated read to be a cache hit stored in Redis again");
    }

    private string Report(IEnumerable<double> timings)
    {
        var text = "timings (ms): " + string.Join(", ", timings.Select(t => t.ToString("0", CultureInfo.InvariantCulture)));
        output.WriteLine(text);
        return text;
    }

    private static async Task AssertCachedOnRepeatAsync(HttpClient client, string url)
    {
        ApiProbe.CacheStatus(await client.GetAsync(url)).Should().Contain("leads-api; fwd=miss; stored");
        ApiProbe.CacheStatus(await client.GetAsync(url)).Should().Contain("leads-api; hit");
    }

    // A hit alone does not tell: while the circuit is still open, L1 answers under outage stamps and stores nothing
    // in Redis. The lead's entry in Redis does.
    private async Task<bool> IsCachedInRedisAgainAsync(HttpClient client, string url)
    {
        var first = await client.GetAsync(url);
        var second = await client.GetAsync(url);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        if (!Connection.IsConnected || !ApiProbe.CacheStatus(second).Contains("leads-api; hit", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            // The tests read no lead by id before Redis went away (or it restarted empty).
            return (await ApiProbe.RedisKeysAsync(_factory, "api:LeadById:*")).Count > 0;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }
}
