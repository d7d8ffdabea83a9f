using System.Text;
using Leads.Application.Caching;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// The cache engine (MultiLevelCache) against a real redis-server: expiry, key namespaces, removal, batch
/// reads and writes, the stored format (compression, version byte) and tag invalidation. Each test uses its
/// own key prefix; the server is private to this class so its command statistics count only the engine.
/// </summary>
public sealed class CacheEngineTests(OwnRedisFixture redis) : IClassFixture<OwnRedisFixture>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private CacheEngineHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new CacheEngineHost(redis.ConnectionString, EngineSpec.UniquePrefix());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SetAsync_stores_the_entry_with_the_policy_duration_as_redis_ttl()
    {
        var key = EngineSpec.Key("ttl-long");

        await _host.Cache.SetAsync(key, new CachedSample("long", 1), EngineSpec.Options(EngineSpec.Policy(TimeSpan.FromMinutes(5))), None);

        var ttl = (long)await _host.Redis.ExecuteAsync("PTTL", _host.RedisKey(key));
        ttl.Should().BeInRange(TimeSpan.FromMinutes(4).Ticks / TimeSpan.TicksPerMillisecond, 5 * 60 * 1000);
    }

    [Fact]
    public async Task Entry_disappears_from_redis_and_l1_when_its_short_policy_duration_has_passed()
    {
        var key = EngineSpec.Key("ttl-short");
        var options = EngineSpec.Options(EngineSpec.Policy(TimeSpan.FromSeconds(3), useL1: true));

        await _host.Cache.SetAsync(key, new CachedSample("short", 2), options, None);

        var ttl = (long)await _host.Redis.ExecuteAsync("PTTL", _host.RedisKey(key));
        ttl.Should().BeInRange(1, 3000);
        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.HitL1);

        await Poll.UntilAsync(async () => !await _host.Redis.KeyExistsAsync(_host.RedisKey(key)), TimeSpan.FromSeconds(15), "Redis to expire the entry");

        var after = await _host.Cache.GetAsync<CachedSample>(key, options, None);
        after.Outcome.Should().Be(CacheOutcome.Miss, "the L1 copy lives no longer than the policy duration either");
        after.Value.Should().BeNull();
    }

    [Fact]
    public async Task Same_id_under_the_api_and_db_levels_are_separate_entries()
    {
        var apiKey = EngineSpec.Key("same-id", CacheLevel.Api);
        var dbKey = EngineSpec.Key("same-id", CacheLevel.Db);
        var options = EngineSpec.Options(EngineSpec.Policy());

        await _host.Cache.SetAsync(apiKey, new CachedSample("api", 1), options, None);
        await _host.Cache.SetAsync(dbKey, new CachedSample("db", 2), options, None);

        (await _host.Cache.GetAsync<CachedSample>(apiKey, options, None)).Value.Should().Be(new CachedSample("api", 1));
        (await _host.Cache.GetAsync<CachedSample>(dbKey, options, None)).Value.Should().Be(new CachedSample("db", 2));
        _host.RedisKey(apiKey).Should().Be($"{_host.KeyPrefix}:api:{EngineSpec.PolicyName}:all:same-id");
        _host.RedisKey(dbKey).Should().Be($"{_host.KeyPrefix}:db:{EngineSpec.PolicyName}:all:same-id");
        (await _host.Redis.KeyExistsAsync([_host.RedisKey(apiKey), _host.RedisKey(dbKey)])).Should().Be(2);
    }

    [Fact]
    public async Task Same_key_under_two_prefixes_are_separate_entries()
    {
        await using var other = new CacheEngineHost(redis.ConnectionString, EngineSpec.UniquePrefix());
        var key = EngineSpec.Key("shared-id");
        var options = EngineSpec.Options(EngineSpec.Policy());

        await _host.Cache.SetAsync(key, new CachedSample("first", 1), options, None);
        (await other.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.Miss);
        await other.Cache.SetAsync(key, new CachedSample("second", 2), options, None);

        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Value.Should().Be(new CachedSample("first", 1));
        (await other.Cache.GetAsync<CachedSample>(key, options, None)).Value.Should().Be(new CachedSample("second", 2));
    }

    [Fact]
    public async Task RemoveAsync_deletes_the_entry_from_redis_and_l1()
    {
        var key = EngineSpec.Key("to-remove");
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true));
        await _host.Cache.SetAsync(key, new CachedSample("gone soon", 1), options, None);
        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.HitL1);

        (await _host.Cache.RemoveAsync(key, None)).Should().BeTrue();

        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.Miss);
        (await _host.Redis.KeyExistsAsync(_host.RedisKey(key))).Should().BeFalse();
        (await _host.Cache.RemoveAsync(key, None)).Should().BeFalse("there was nothing left to remove");
    }

    [Fact]
    public async Task RemoveByPatternAsync_unlinks_every_matching_key_of_one_level_and_nothing_else()
    {
        const int Matching = 2000;
        await using var otherPrefix = new CacheEngineHost(redis.ConnectionString, EngineSpec.UniquePrefix());
        await WriteRawAsync(_host, Enumerable.Range(0, Matching).Select(i => EngineSpec.Key("item-" + i, CacheLevel.Api, "Bulk")));
        await WriteRawAsync(_host, Enumerable.Range(0, Matching).Select(i => EngineSpec.Key("item-" + i, CacheLevel.Db, "Bulk")));
        await WriteRawAsync(_host, Enumerable.Range(0, 50).Select(i => EngineSpec.Key("item-" + i, CacheLevel.Api, "Kept")));
        await WriteRawAsync(otherPrefix, Enumerable.Range(0, 100).Select(i => EngineSpec.Key("item-" + i, CacheLevel.Api, "Bulk")));
        await redis.ResetCommandStatsAsync();

        var removed = await _host.Cache.RemoveByPatternAsync(CacheLevel.Api, "Bulk:*", None);

        removed.Should().Be(Matching);
        (await redis.CallsAsync("unlink")).Should().Be(Matching, "keys are removed with UNLINK, which frees memory off the main thread");
        (await redis.CallsAsync("del")).Should().Be(0);
        (await redis.CallsAsync("scan")).Should().BeGreaterThan(0);
        (await redis.CallsAsync("keys")).Should().Be(0, "KEYS blocks Redis; the keyspace is walked with SCAN");
        (await redis.CountKeysAsync($"{_host.KeyPrefix}:api:Bulk:*")).Should().Be(0);
        (await redis.CountKeysAsync($"{_host.KeyPrefix}:db:Bulk:*")).Should().Be(Matching, "the db level was not asked for");
        (await redis.CountKeysAsync($"{_host.KeyPrefix}:api:Kept:*")).Should().Be(50);
        (await redis.CountKeysAsync($"{otherPrefix.KeyPrefix}:api:Bulk:*")).Should().Be(100, "another prefix is another environment");
    }

    [Fact]
    public async Task RemoveByPatternAsync_without_a_level_removes_matching_keys_of_every_level()
    {
        await WriteRawAsync(_host, [EngineSpec.Key("x", CacheLevel.Api, "Both"), EngineSpec.Key("x", CacheLevel.Db, "Both"), EngineSpec.Key("x", CacheLevel.Api, "Kept")]);

        var removed = await _host.Cache.RemoveByPatternAsync(null, "Both:*", None);

        removed.Should().Be(2);
        (await redis.CountKeysAsync($"{_host.KeyPrefix}:*")).Should().Be(1);
    }

    [Theory]
    [InlineData("Glob:all:a?", "a?")]
    [InlineData("Glob:all:[ab]b", "[ab]b")]
    [InlineData("Glob:all:a\\b", "a\\b")]
    public async Task RemoveByPatternAsync_treats_glob_characters_other_than_star_literally(string pattern, string onlyRemovedId)
    {
        string[] ids = ["ab", "bb", "ax", "a?", "[ab]b", "a\\b", "a]"];
        await WriteRawAsync(_host, ids.Select(id => EngineSpec.Key(id, CacheLevel.Api, "Glob")));

        var removed = await _host.Cache.RemoveByPatternAsync(CacheLevel.Api, pattern, None);

        removed.Should().Be(1, "only the key spelled exactly like the pattern matches");
        foreach (var id in ids)
        {
            (await _host.Redis.KeyExistsAsync(_host.RedisKey(EngineSpec.Key(id, CacheLevel.Api, "Glob")))).Should().Be(id != onlyRemovedId, id);
        }
    }

    [Fact]
    public async Task RemoveByPatternAsync_keeps_star_as_the_wildcard()
    {
        string[] ids = ["ab", "a?", "[ab]b", "b"];
        await WriteRawAsync(_host, ids.Select(id => EngineSpec.Key(id, CacheLevel.Api, "Glob")));

        (await _host.Cache.RemoveByPatternAsync(CacheLevel.Api, "Glob:all:a*", None)).Should().Be(2);
        (await _host.Cache.RemoveByPatternAsync(CacheLevel.Api, "Glob:*", None)).Should().Be(2);
    }

    [Fact]
    public async Task GetManyAsync_reads_hits_and_misses_in_one_round_trip_in_the_order_asked()
    {
        var options = EngineSpec.Options(EngineSpec.Policy());
        var keys = Enumerable.Range(0, 5).Select(i => EngineSpec.Key("many-" + i)).ToArray();
        await _host.Cache.SetAsync(keys[1], new CachedSample("one", 1), options, None);
        await _host.Cache.SetAsync(keys[3], new CachedSample("three", 3), options, None);
        await redis.ResetCommandStatsAsync();

        var results = await _host.Cache.GetManyAsync<CachedSample>(keys, _ => options, None);

        results.Select(r => r.Outcome).Should().Equal(CacheOutcome.Miss, CacheOutcome.HitL2, CacheOutcome.Miss, CacheOutcome.HitL2, CacheOutcome.Miss);
        results.Select(r => r.Value).Should().Equal(null, new CachedSample("one", 1), null, new CachedSample("three", 3), null);
        (await redis.CallsAsync("mget")).Should().Be(1);
        (await redis.CallsAsync("get")).Should().Be(0);
    }

    [Fact]
    public async Task GetManyAsync_serves_l1_copies_without_asking_redis_for_them()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true));
        var keys = Enumerable.Range(0, 3).Select(i => EngineSpec.Key("many-l1-" + i)).ToArray();
        await _host.Cache.SetAsync(keys[0], new CachedSample("zero", 0), options, None);
        await _host.Cache.SetAsync(keys[2], new CachedSample("two", 2), options, None);
        await redis.ResetCommandStatsAsync();

        var results = await _host.Cache.GetManyAsync<CachedSample>(keys, _ => options, None);

        results.Select(r => r.Outcome).Should().Equal(CacheOutcome.HitL1, CacheOutcome.Miss, CacheOutcome.HitL1);
        (await redis.CallsAsync("mget")).Should().Be(1, "only the key missing from L1 is fetched");
    }

    [Fact]
    public async Task SetManyAsync_stores_every_non_null_item_with_its_policy_ttl()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(TimeSpan.FromMinutes(2)));
        var items = new[]
        {
            new KeyValuePair<CacheKey, CachedSample?>(EngineSpec.Key("set-many-0"), new CachedSample("zero", 0)),
            new KeyValuePair<CacheKey, CachedSample?>(EngineSpec.Key("set-many-1"), null),
            new KeyValuePair<CacheKey, CachedSample?>(EngineSpec.Key("set-many-2"), new CachedSample("two", 2)),
        };

        await _host.Cache.SetManyAsync(items, _ => options, None);

        var results = await _host.Cache.GetManyAsync<CachedSample>(items.Select(i => i.Key).ToArray(), _ => options, None);
        results.Select(r => r.Value).Should().Equal(new CachedSample("zero", 0), null, new CachedSample("two", 2));
        (await _host.Redis.KeyExistsAsync(_host.RedisKey(items[1].Key))).Should().BeFalse("null results are not stored");
        foreach (var index in new[] { 0, 2 })
        {
            var ttl = (long)await _host.Redis.ExecuteAsync("PTTL", _host.RedisKey(items[index].Key));
            ttl.Should().BeInRange(60_000, 120_000);
        }
    }

    [Fact]
    public async Task Payload_above_the_compression_threshold_is_stored_lz4_compressed_and_reads_back_equal()
    {
        var key = EngineSpec.Key("large");
        var options = EngineSpec.Options(EngineSpec.Policy());
        var large = new CachedSample(string.Concat(Enumerable.Repeat("lead notes repeat well; ", 1000)), 42);

        await _host.Cache.SetAsync(key, large, options, None);

        var raw = (byte[])(await _host.Redis.StringGetAsync(_host.RedisKey(key)))!;
        raw[0].Should().Be(1, "format version");
        raw[1].Should().Be(1, "flag bit 0: LZ4");
        raw.Length.Should().BeLessThan(large.Name.Length / 4);
        var read = await _host.Cache.GetAsync<CachedSample>(key, options, None);
        read.Outcome.Should().Be(CacheOutcome.HitL2);
        read.Value.Should().Be(large);
    }

    [Fact]
    public async Task Payload_below_the_compression_threshold_is_stored_plain()
    {
        var key = EngineSpec.Key("small");
        var options = EngineSpec.Options(EngineSpec.Policy());

        await _host.Cache.SetAsync(key, new CachedSample("small", 7), options, None);

        var raw = (byte[])(await _host.Redis.StringGetAsync(_host.RedisKey(key)))!;
        raw[0].Should().Be(1);
        raw[1].Should().Be(0, "no compression flag");
        Encoding.UTF8.GetString(raw).Should().EndWith("\"small\",\"number\":7}");
        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Value.Should().Be(new CachedSample("small", 7));
    }

    [Theory]
    [InlineData((byte)0)]
    [InlineData((byte)2)]
    [InlineData((byte)255)]
    public async Task Entry_of_another_format_version_is_a_miss_and_gets_overwritten(byte version)
    {
        var key = EngineSpec.Key("version-" + version);
        var options = EngineSpec.Options(EngineSpec.Policy());
        await _host.Cache.SetAsync(key, new CachedSample("written by another version", 1), options, None);
        var raw = (byte[])(await _host.Redis.StringGetAsync(_host.RedisKey(key)))!;
        raw[0] = version;
        await _host.Redis.StringSetAsync(_host.RedisKey(key), raw, TimeSpan.FromMinutes(5));

        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.Miss);
        var loads = 0;
        var loaded = await _host.Cache.GetOrCreateAsync(key, options, _ => { loads++; return ValueTask.FromResult(new CachedSample("current", 2)); }, None);

        loads.Should().Be(1);
        loaded.Outcome.Should().Be(CacheOutcome.Miss);
        var stored = (byte[])(await _host.Redis.StringGetAsync(_host.RedisKey(key)))!;
        stored[0].Should().Be(1, "the entry was rewritten in the current format");
        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Value.Should().Be(new CachedSample("current", 2));
    }

    [Fact]
    public async Task Damaged_or_foreign_bytes_are_a_miss_not_an_exception()
    {
        var options = EngineSpec.Options(EngineSpec.Policy());
        byte[][] values = [[], [1], [1, 0, 5], Encoding.UTF8.GetBytes("{\"name\":\"plain json\",\"number\":1}")];
        for (var i = 0; i < values.Length; i++)
        {
            var key = EngineSpec.Key("damaged-" + i);
            await _host.Redis.StringSetAsync(_host.RedisKey(key), values[i], TimeSpan.FromMinutes(5));

            (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.Miss);
        }
    }

    [Fact]
    public async Task Invalidating_a_tag_makes_entries_stamped_with_it_a_miss_in_l1_and_l2()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "spec-tag");
        var unrelated = EngineSpec.Options(EngineSpec.Policy(useL1: true), "other-tag");
        var key = EngineSpec.Key("tagged");
        var untouched = EngineSpec.Key("other-tagged");
        await _host.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v1", 1)), None);
        await _host.Cache.GetOrCreateAsync(untouched, unrelated, _ => ValueTask.FromResult(new CachedSample("kept", 1)), None);
        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.HitL1);
        _host.L1.Clear();
        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.HitL2, "the Redis copy is valid before the bump");
        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.HitL1, "the L2 hit refilled L1");

        await _host.Cache.InvalidateTagsAsync(["spec-tag"], None);

        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.Miss, "neither the L1 nor the Redis copy carries the new generation");
        (await _host.Redis.KeyExistsAsync(_host.RedisKey(key))).Should().BeTrue("invalidation is a stamp bump, not a delete");
        await using (var otherInstance = new CacheEngineHost(redis.ConnectionString, _host.KeyPrefix))
        {
            (await otherInstance.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.Miss, "another instance reads the generation from Redis");
            (await otherInstance.Cache.GetAsync<CachedSample>(untouched, unrelated, None)).Outcome.Should().Be(CacheOutcome.HitL2);
        }

        (await _host.Cache.GetAsync<CachedSample>(untouched, unrelated, None)).Value.Should().Be(new CachedSample("kept", 1), "only entries depending on the bumped tag are affected");
        var reloaded = await _host.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("v2", 2)), None);
        reloaded.Value.Should().Be(new CachedSample("v2", 2));
        (await _host.Cache.GetAsync<CachedSample>(key, options, None)).Value.Should().Be(new CachedSample("v2", 2));
    }

    [Fact]
    public async Task Reads_racing_with_l1_being_dropped_never_fail()
    {
        // A pattern removal (like a reconnect or a deferred invalidation) drops the whole L1 while other
        // requests are reading and filling it; those requests must see a miss or a hit, never an exception.
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true));
        var keys = Enumerable.Range(0, 16).Select(i => EngineSpec.Key("racing-" + i)).ToArray();
        foreach (var key in keys)
        {
            await _host.Cache.SetAsync(key, new CachedSample(key.Id, 1), options, None);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                // An L1 hit completes synchronously: without yielding, four such loops on a two-core machine
                // starve the thread pool that completes Redis replies, and the clearing loop's SCAN times out.
                await Task.Yield();
                var key = keys[reads++ % keys.Length];
                var result = await _host.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample(key.Id, 1)), None);
                result.Value.Should().Be(new CachedSample(key.Id, 1));
            }

            return reads;
        })).ToArray();
        var clears = 0;
        while (!stop.IsCancellationRequested)
        {
            await _host.Cache.RemoveByPatternAsync(CacheLevel.Api, "nothing-matches:*", None);
            clears++;
        }

        var reads = await Task.WhenAll(readers);

        reads.Should().OnlyContain(count => count > 0);
        clears.Should().BeGreaterThan(0);
    }

    /// <summary>Writes valid entries straight to Redis (one pipelined batch), to set up many keys quickly.</summary>
    private static async Task WriteRawAsync(CacheEngineHost host, IEnumerable<CacheKey> keys)
    {
        var database = host.Redis;
        var batch = database.CreateBatch();
        var writes = keys.Select(k => batch.StringSetAsync(host.RedisKey(k), (RedisValue)"x", TimeSpan.FromMinutes(5))).ToArray();
        batch.Execute();
        await Task.WhenAll(writes);
    }
}
