using Leads.Application.Caching;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Scale;

/// <summary>
/// The cache engine through Sentinel, two instances sharing it: the connection string names only the sentinels,
/// and entries land on the primary they name (and reach its replica); pattern removal leaves the replica alone
/// and still removes everything; an invalidation has reached the other instance when it returns; tag counters
/// lost to FLUSHALL come back higher.
/// </summary>
[Trait(ScaleSuite.Trait, ScaleSuite.Name)]
[Collection(SentinelCollection.Name)]
public sealed class SentinelEngineTests(RedisSentinel sentinel) : IClassFixture<RedisSentinel>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _prefix = EngineSpec.UniquePrefix();
    private CacheEngineHost _writer = null!;
    private CacheEngineHost _reader = null!;

    public async Task InitializeAsync()
    {
        _writer = new CacheEngineHost(sentinel.ConnectionString, _prefix);
        _reader = new CacheEngineHost(sentinel.ConnectionString, _prefix);
        await _writer.StartBackgroundServicesAsync();
        await _reader.StartBackgroundServicesAsync();
        await Poll.UntilAsync(() => Task.FromResult(_writer.Generations.TrustsLocal && _reader.Generations.TrustsLocal), TimeSpan.FromSeconds(20), "both instances' pings to come back");
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _reader.DisposeAsync();
    }

    [Fact]
    public async Task Entries_go_to_the_primary_the_sentinels_name_reach_its_replica_and_are_removed_by_pattern()
    {
        var options = EngineSpec.Options(EngineSpec.Policy());
        var keys = Enumerable.Range(0, 20).Select(i => EngineSpec.Key("sentinel-" + i)).ToArray();
        foreach (var key in keys)
        {
            await _writer.Cache.SetAsync(key, new CachedSample(key.Id, 1), options, None);
        }

        var primary = sentinel.PrimaryPort;
        var replica = _writer.Redis.Multiplexer.GetEndPoints().Select(e => ((System.Net.IPEndPoint)e).Port).Single(p => p != primary);
        CountKeys(primary).Should().Be(keys.Length);
        RedisSentinel.Cli(primary, "WAIT", "1", "5000").Should().Be("1", "the replica acknowledges the writes");
        CountKeys(replica).Should().Be(keys.Length);

        var read = await _reader.Cache.GetManyAsync<CachedSample>(keys, _ => options, None);
        read.Should().OnlyContain(r => r.Outcome == CacheOutcome.HitL2);

        (await _writer.Cache.RemoveByPatternAsync(CacheLevel.Api, EngineSpec.PolicyName + ":*", None)).Should().Be(keys.Length, "each key counted once, on the primary");
        CountKeys(primary).Should().Be(0);
    }

    [Fact]
    public async Task A_tag_invalidated_on_one_instance_is_a_miss_on_the_other_as_soon_as_the_invalidation_returns()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "sentinel-tag", "sentinel-other-tag");
        var key = EngineSpec.Key("sentinel-coherent");
        await _reader.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v1", 1)), None);
        (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.HitL1);

        for (var i = 2; i <= 20; i++)
        {
            await _writer.Cache.InvalidateTagsAsync([i % 2 == 0 ? "sentinel-tag" : "sentinel-other-tag"], None);

            var after = await _reader.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v" + i, i)), None);
            after.Value!.Number.Should().Be(i, "the invalidation returned only after the reader had applied it or fenced itself");
        }
    }

    [Fact]
    public async Task Tag_counters_lost_to_FLUSHALL_come_back_higher()
    {
        var before = (await _writer.Generations.IncrementAsync(["sentinel-flushed-a", "sentinel-flushed-b"], None))!.Select(g => g.Value).ToArray();

        RedisSentinel.Cli(sentinel.PrimaryPort, "FLUSHALL").Should().Be("OK");

        var after = (await _reader.Generations.IncrementAsync(["sentinel-flushed-a", "sentinel-flushed-b"], None))!.Select(g => g.Value).ToArray();
        after.Zip(before).Should().OnlyContain(pair => pair.First > pair.Second);
    }

    private int CountKeys(int port) =>
        RedisSentinel.Cli(port, "--scan", "--pattern", _prefix + ":*sentinel-*").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
