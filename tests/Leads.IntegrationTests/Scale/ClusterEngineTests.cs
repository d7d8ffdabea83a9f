using Leads.Application.Caching;
using Leads.IntegrationTests.Caching;
using Leads.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Scale;

/// <summary>
/// The cache engine on a 3-primary Redis Cluster, two instances sharing it: entries land on every primary,
/// batched reads and pattern removal cover every slot, an invalidation has reached the other instance when it
/// returns, and tag counters lost to FLUSHALL on every primary come back higher.
/// </summary>
[Trait(ScaleSuite.Trait, ScaleSuite.Name)]
public sealed class ClusterEngineTests(RedisCluster cluster) : IClassFixture<RedisCluster>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _prefix = EngineSpec.UniquePrefix();
    private CacheEngineHost _writer = null!;
    private CacheEngineHost _reader = null!;

    public async Task InitializeAsync()
    {
        _writer = new CacheEngineHost(cluster.ConnectionString, _prefix);
        _reader = new CacheEngineHost(cluster.ConnectionString, _prefix);
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
    public async Task Entries_spread_over_every_primary_are_read_in_one_batch_and_removed_by_pattern_on_all_of_them()
    {
        var options = EngineSpec.Options(EngineSpec.Policy());
        var keys = Enumerable.Range(0, 30).Select(i => EngineSpec.Key("spread-" + i)).ToArray();
        foreach (var key in keys)
        {
            await _writer.Cache.SetAsync(key, new CachedSample(key.Id, 1), options, None);
        }

        var perPrimary = await CountPerPrimaryAsync(_prefix + ":*spread-*");
        perPrimary.Should().HaveCount(3).And.OnlyContain(count => count > 0, "30 keys hash to slots on every primary");

        var read = await _reader.Cache.GetManyAsync<CachedSample>(keys, _ => options, None);
        read.Should().OnlyContain(r => r.Outcome == CacheOutcome.HitL2);

        (await _writer.Cache.RemoveByPatternAsync(CacheLevel.Api, EngineSpec.PolicyName + ":*", None)).Should().Be(keys.Length);
        (await CountPerPrimaryAsync(_prefix + ":*spread-*")).Should().OnlyContain(count => count == 0);
    }

    [Fact]
    public async Task A_tag_invalidated_on_one_instance_is_a_miss_on_the_other_as_soon_as_the_invalidation_returns()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "cluster-tag", "cluster-other-tag");
        var key = EngineSpec.Key("cluster-coherent");
        await _reader.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v1", 1)), None);
        (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.HitL1);

        for (var i = 2; i <= 20; i++)
        {
            await _writer.Cache.InvalidateTagsAsync([i % 2 == 0 ? "cluster-tag" : "cluster-other-tag"], None);

            var after = await _reader.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v" + i, i)), None);
            after.Value!.Number.Should().Be(i, "the invalidation returned only after the reader had applied it or fenced itself");
        }
    }

    [Fact]
    public async Task Tag_counters_lost_to_FLUSHALL_on_every_primary_come_back_higher()
    {
        var before = (await _writer.Generations.IncrementAsync(["flushed-a", "flushed-b", "flushed-c"], None))!.Select(g => g.Value).ToArray();

        foreach (var port in cluster.Ports)
        {
            await _writer.Redis.Multiplexer.GetServer("127.0.0.1", port).FlushAllDatabasesAsync();
        }

        var after = (await _reader.Generations.IncrementAsync(["flushed-a", "flushed-b", "flushed-c"], None))!.Select(g => g.Value).ToArray();
        after.Zip(before).Should().OnlyContain(pair => pair.First > pair.Second);
    }

    private async Task<int[]> CountPerPrimaryAsync(string pattern)
    {
        var counts = new List<int>();
        foreach (var port in cluster.Ports)
        {
            var count = 0;
            await foreach (var _ in _writer.Redis.Multiplexer.GetServer("127.0.0.1", port).KeysAsync(pattern: pattern, pageSize: 1000))
            {
                count++;
            }

            counts.Add(count);
        }

        return counts.ToArray();
    }
}
