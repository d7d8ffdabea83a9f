using Leads.Application.Caching;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// Two instances sharing one Redis, each with its own L1: a change made through one reaches the other's
/// in-process copies through the invalidation channel, so neither keeps serving what the other invalidated.
/// </summary>
public sealed class CacheInstanceCoherenceTests(OwnRedisFixture redis) : IClassFixture<OwnRedisFixture>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(10);
    private readonly string _prefix = EngineSpec.UniquePrefix();
    private CacheEngineHost _writer = null!;
    private CacheEngineHost _reader = null!;

    public async Task InitializeAsync()
    {
        _writer = new CacheEngineHost(redis.ConnectionString, _prefix);
        _reader = new CacheEngineHost(redis.ConnectionString, _prefix);
        await _writer.StartBackgroundServicesAsync();
        await _reader.StartBackgroundServicesAsync();
        await Poll.UntilAsync(async () => await redis.SubscribersAsync(_prefix + ":invalidation") == 2, Delivery, "both instances to subscribe to the invalidation channel");
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _reader.DisposeAsync();
    }

    [Fact]
    public async Task Tag_invalidated_on_one_instance_turns_the_other_instances_l1_copy_into_a_miss()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "coherence-tag");
        var key = EngineSpec.Key("coherent");
        await ReadIntoL1Async(key, options);

        await _writer.Cache.InvalidateTagsAsync(["coherence-tag"], None);

        await Poll.UntilAsync(
            async () => (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Outcome == CacheOutcome.Miss,
            Delivery,
            "the reader's L1 copy to become a miss");
    }

    [Fact]
    public async Task Key_removed_on_one_instance_is_dropped_from_the_other_instances_l1()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true));
        var key = EngineSpec.Key("removed-elsewhere");
        await ReadIntoL1Async(key, options);

        (await _writer.Cache.RemoveAsync(key, None)).Should().BeTrue();

        await Poll.UntilAsync(
            async () => (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Outcome == CacheOutcome.Miss,
            Delivery,
            "the reader's L1 copy to be dropped");
    }

    [Fact]
    public async Task Without_the_subscription_an_instance_reads_generations_from_redis_instead_of_remembering_them()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "gap-tag");
        var key = EngineSpec.Key("gap");
        await ReadIntoL1Async(key, options);

        // A bump whose message never arrives (as while the reader's subscription connection is down).
        await _writer.Redis.StringIncrementAsync(_prefix + ":tag:gap-tag");
        var remembering = await _reader.Cache.GetAsync<CachedSample>(key, options, None);
        _reader.Generations.Distrust();
        var asking = await _reader.Cache.GetAsync<CachedSample>(key, options, None);

        remembering.Outcome.Should().Be(CacheOutcome.HitL1, "this is the gap: remembered generations miss the bump");
        asking.Outcome.Should().Be(CacheOutcome.Miss, "generations read from Redis see the bump");
    }

    /// <summary>Stores the entry through the writer and makes sure the reader serves it from its own L1.</summary>
    private async Task ReadIntoL1Async(CacheKey key, CacheEntryOptions options)
    {
        await _writer.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v1", 1)), None);
        (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.HitL2);

        // Repeated because a bus that has just subscribed drops its L1 once (it may have missed messages).
        await Poll.UntilAsync(
            async () => (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Outcome == CacheOutcome.HitL1,
            Delivery,
            "the reader to serve the entry from L1");
    }
}
