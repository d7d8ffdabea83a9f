using Leads.Application.Caching;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// Tag generations never go backwards, whatever happens to the counters in Redis: a counter lost to FLUSHALL is
/// created again above every value it held, and one found lower than an instance remembers (a failover that lost
/// INCRs) is raised and makes that instance drop what it holds locally. Otherwise an old generation would come
/// round again and entries stamped with it would be served as current.
/// </summary>
public sealed class GenerationResetTests(OwnRedisFixture redis) : IClassFixture<OwnRedisFixture>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _prefix = EngineSpec.UniquePrefix();
    private CacheEngineHost _writer = null!;
    private CacheEngineHost _reader = null!;

    public async Task InitializeAsync()
    {
        _writer = new CacheEngineHost(redis.ConnectionString, _prefix);
        _reader = new CacheEngineHost(redis.ConnectionString, _prefix);
        await _writer.StartBackgroundServicesAsync();
        await _reader.StartBackgroundServicesAsync();
        await Poll.UntilAsync(async () => await redis.SubscribersAsync(_prefix + ":invalidation") == 2, TimeSpan.FromSeconds(10), "both instances to subscribe");
        await Poll.UntilAsync(() => Task.FromResult(_writer.Generations.TrustsLocal && _reader.Generations.TrustsLocal), TimeSpan.FromSeconds(10), "both instances to trust their memory");
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _reader.DisposeAsync();
    }

    [Fact]
    public async Task After_FLUSHALL_a_write_on_one_instance_still_invalidates_what_the_other_holds_in_L1()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "reset-tag");
        var key = EngineSpec.Key("reset");
        await _reader.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v1", 1)), None);
        await _writer.Cache.InvalidateTagsAsync(["reset-tag"], None);
        await _writer.Cache.InvalidateTagsAsync(["reset-tag"], None);
        (await _reader.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v2", 2)), None)).Value!.Name.Should().Be("v2");
        (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.HitL1);
        var before = (long)await _reader.Redis.StringGetAsync(TagKey("reset-tag"));

        await redis.FlushAllAsync();
        await _writer.Cache.InvalidateTagsAsync(["reset-tag"], None);

        var after = (long)await _reader.Redis.StringGetAsync(TagKey("reset-tag"));
        after.Should().BeGreaterThan(before, "a counter created again starts above every value it held");
        var read = await _reader.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v3", 3)), None);
        read.Value!.Name.Should().Be("v3", "the write's invalidation returned only after the reader had applied it");
    }

    [Fact]
    public async Task A_counter_lower_than_an_instance_remembers_is_raised_and_that_instance_drops_its_local_state()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "lost-tag");
        var key = EngineSpec.Key("lost");
        await _reader.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v1", 1)), None);
        for (var i = 0; i < 3; i++)
        {
            await _writer.Cache.InvalidateTagsAsync(["lost-tag"], None);
        }

        var remembered = (await _reader.Generations.GetAsync(["lost-tag"], None))![0];
        await _reader.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v2", 2)), None);
        _reader.L1.Count.Should().BeGreaterThan(0);

        // What a failover to a replica that had not received the last INCRs leaves behind.
        await _writer.Redis.StringSetAsync(TagKey("lost-tag"), remembered - 2);
        _reader.Generations.Distrust();
        var seen = (await _reader.Generations.GetAsync(["lost-tag"], None))![0];
        _reader.Generations.Trust();

        seen.Should().BeGreaterThan(remembered);
        ((long)await _writer.Redis.StringGetAsync(TagKey("lost-tag"))).Should().Be(seen, "the counter is raised in Redis, so the lost generations are never handed out again");
        _reader.L1.Count.Should().Be(0, "the instance drops what it holds locally when it detects a reset");
        (await _writer.Generations.IncrementAsync(["lost-tag"], None))![0].Value.Should().BeGreaterThan(remembered);
    }

    [Fact]
    public async Task A_counter_is_created_at_a_time_based_floor_not_at_zero()
    {
        var microsecondsNow = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

        var created = (await _reader.Generations.GetAsync(["new-tag"], None))![0];
        var bumped = (await _writer.Generations.IncrementAsync(["other-new-tag"], None))![0].Value;

        created.Should().BeCloseTo(microsecondsNow, 60_000_000);
        bumped.Should().BeCloseTo(microsecondsNow + 1, 60_000_000);
    }

    [Fact]
    public async Task A_counter_expires_so_counters_of_tags_nobody_writes_do_not_pile_up_and_it_comes_back_higher()
    {
        var created = (await _reader.Generations.GetAsync(["read-only-tag"], None))![0];
        var lifetime = await _reader.Redis.KeyTimeToLiveAsync(TagKey("read-only-tag"));
        lifetime.Should().NotBeNull().And.BeGreaterThan(TimeSpan.FromHours(1), "longer than any entry, which lives an hour at most");

        // Its expiry, as Redis would do it after the lifetime.
        await _reader.Redis.KeyDeleteAsync(TagKey("read-only-tag"));
        _reader.Generations.Distrust();
        var recreated = (await _reader.Generations.GetAsync(["read-only-tag"], None))![0];
        _reader.Generations.Trust();

        recreated.Should().BeGreaterThan(created);
    }

    private StackExchange.Redis.RedisKey TagKey(string tag) => _reader.Generations.TagKey(tag);
}
