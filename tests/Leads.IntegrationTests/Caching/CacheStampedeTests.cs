using Leads.Application.Caching;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// Stampede protection of the engine: concurrent misses of one key run its loader once, within one instance
/// (single-flight) and across instances sharing Redis (the lease).
/// </summary>
public sealed class CacheStampedeTests(OwnRedisFixture redis) : IClassFixture<OwnRedisFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Concurrent_GetOrCreateAsync_calls_on_a_cold_key_run_the_loader_once()
    {
        const int Callers = 500;
        await using var host = new CacheEngineHost(redis.ConnectionString, EngineSpec.UniquePrefix());
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "stampede-tag");
        var key = EngineSpec.Key("cold");
        var loads = 0;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async ValueTask<CachedSample> Load(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref loads);

            // Long enough that every caller arrives while the load is still running.
            await Task.Delay(300, cancellationToken);
            return new CachedSample("loaded once", 1);
        }

        // Every caller is released at once onto the thread pool.
        var callers = Enumerable.Range(0, Callers).Select(async _ =>
        {
            await start.Task;
            return await host.Cache.GetOrCreateAsync(key, options, Load, None);
        }).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(callers);

        loads.Should().Be(1);
        results.Should().AllSatisfy(r => r.Value.Should().Be(new CachedSample("loaded once", 1)));
        results.Count(r => r.Outcome == CacheOutcome.Miss).Should().BeGreaterThan(1, "callers that joined the running load report a miss too");
    }

    [Fact]
    public async Task Loader_failure_reaches_every_joined_caller_and_is_not_cached()
    {
        await using var host = new CacheEngineHost(redis.ConnectionString, EngineSpec.UniquePrefix());
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true));
        var key = EngineSpec.Key("failing");
        var loads = 0;

        async ValueTask<CachedSample> Fail(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref loads);

            // Long enough that every caller has joined before the failure (a caller arriving later would rightly load again).
            await Task.Delay(1000, cancellationToken);
            throw new InvalidOperationException("source of truth failed");
        }

        var callers = Enumerable.Range(0, 20).Select(_ => host.Cache.GetOrCreateAsync(key, options, Fail, None).AsTask()).ToArray();
        foreach (var caller in callers)
        {
            var joined = () => caller;
            await joined.Should().ThrowAsync<InvalidOperationException>();
        }

        loads.Should().Be(1);
        (await host.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.Miss);
        (await host.Redis.KeyExistsAsync(host.RedisKey(key))).Should().BeFalse();
    }

    [Fact]
    public async Task Concurrent_calls_for_one_key_run_the_loader_once_while_redis_is_unreachable()
    {
        // Without Redis nothing can be stored, but callers arriving together can still share one load:
        // that is when the database most needs the protection.
        var closedPort = "127.0.0.1:" + RedisServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = new CacheEngineHost(closedPort, EngineSpec.UniquePrefix());
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "unreachable-tag");
        var key = EngineSpec.Key("no-redis");
        const int Callers = 100;
        var loads = 0;
        var entered = 0;
        var allEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The load lasts until every caller has made its call, so none can arrive after it finished (nothing
        // is stored, so a late caller would rightly load again).
        async ValueTask<CachedSample> Load(CancellationToken cancellationToken)
        {
            var load = Interlocked.Increment(ref loads);
            await allEntered.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return new CachedSample("load " + load, load);
        }

        var callers = Enumerable.Range(0, Callers).Select(async _ =>
        {
            await start.Task;
            var call = host.Cache.GetOrCreateAsync(key, options, Load, None);
            if (Interlocked.Increment(ref entered) == Callers)
            {
                allEntered.SetResult();
            }

            return await call;
        }).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(callers);

        loads.Should().Be(1);
        results.Should().AllSatisfy(r =>
        {
            r.Outcome.Should().Be(CacheOutcome.Unavailable);
            r.Value.Should().Be(new CachedSample("load 1", 1));
        });
        (await host.Cache.GetOrCreateAsync(key, options, Load, None)).Value.Should().Be(new CachedSample("load 2", 2), "nothing was stored: the next caller loads again");
    }

    [Fact]
    public async Task Call_after_an_invalidation_does_not_join_a_load_that_started_before_it_while_redis_is_unreachable()
    {
        var closedPort = "127.0.0.1:" + RedisServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = new CacheEngineHost(closedPort, EngineSpec.UniquePrefix());
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "write-tag");
        var key = EngineSpec.Key("read-your-write");
        // The write commits, then its invalidation is issued (deferred: Redis is unreachable).
        var (early, late) = await ReadAcrossAnInvalidationAsync(host, options, key);

        late.Value.Should().Be(new CachedSample("read after the write", 2));
        early.Value.Should().Be(new CachedSample("read before the write", 1));
    }

    [Fact]
    public async Task Two_instances_loading_the_same_cold_key_run_the_loader_once_in_total()
    {
        // Two service providers with the same prefix are two API instances: separate L1 and single-flight
        // tables, one Redis. The lease wait is raised from its 250 ms default so a slow test machine cannot
        // outlast it; with the default the second instance would give up waiting and load as well.
        var prefix = EngineSpec.UniquePrefix();
        var settings = new Dictionary<string, string?> { ["Caching:Stampede:LeaseWait"] = "00:00:10" };
        await using var first = new CacheEngineHost(redis.ConnectionString, prefix, settings);
        await using var second = new CacheEngineHost(redis.ConnectionString, prefix, settings);
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "lease-tag");
        var key = EngineSpec.Key("cold-across-instances");
        var firstLoadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirstLoad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstLoads = 0;
        var secondLoads = 0;

        var firstCall = first.Cache.GetOrCreateAsync(key, options, async _ =>
        {
            Interlocked.Increment(ref firstLoads);
            firstLoadStarted.SetResult();
            await releaseFirstLoad.Task;
            return new CachedSample("from the first instance", 1);
        }, None).AsTask();
        await firstLoadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The first instance holds the lease now. The second one misses, fails to take the lease (SET NX)
        // and waits for the entry instead of loading; the failed SET shows in the server's statistics.
        await redis.ResetCommandStatsAsync();
        var secondCall = second.Cache.GetOrCreateAsync(key, options, _ =>
        {
            Interlocked.Increment(ref secondLoads);
            return ValueTask.FromResult(new CachedSample("from the second instance", 2));
        }, None).AsTask();
        await Poll.UntilAsync(async () => await redis.CallsAsync("set") >= 1, TimeSpan.FromSeconds(10), "the second instance to try the lease");
        releaseFirstLoad.SetResult();

        var firstResult = await firstCall;
        var secondResult = await secondCall;

        (firstLoads + secondLoads).Should().Be(1);
        secondLoads.Should().Be(0);
        firstResult.Outcome.Should().Be(CacheOutcome.Miss);
        secondResult.Outcome.Should().Be(CacheOutcome.HitL2, "the second instance was served the entry the lease holder stored");
        secondResult.Value.Should().Be(new CachedSample("from the first instance", 1));
    }

    [Fact]
    public async Task Call_after_an_invalidation_does_not_wait_for_the_lease_of_a_load_that_started_before_it()
    {
        // The lease wait is far longer than the bound below: a call that waited on the early load's lease would
        // poll for an entry that load can never give it (it was read before the invalidation) until the bound ran out.
        var settings = new Dictionary<string, string?> { ["Caching:Stampede:LeaseWait"] = "00:00:30" };
        await using var host = new CacheEngineHost(redis.ConnectionString, EngineSpec.UniquePrefix(), settings);
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "write-tag");
        var key = EngineSpec.Key("lease-per-version");
        var (early, late) = await ReadAcrossAnInvalidationAsync(host, options, key);

        late.Value.Should().Be(new CachedSample("read after the write", 2));
        late.Outcome.Should().Be(CacheOutcome.Miss);
        early.Value.Should().Be(new CachedSample("read before the write", 1));
        (await host.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("loaded again", 3)), None)).Value
            .Should().NotBe(new CachedSample("read before the write", 1), "the early load stored its entry under generations that were already gone");
    }

    /// <summary>
    /// A load of <paramref name="key"/> starts and blocks; "write-tag" is invalidated; then a second call reads the
    /// key, bounded: a call that joined or waited for the early load would wait for it, and it is released only
    /// after the second call has answered.
    /// </summary>
    private static async Task<(CacheResult<CachedSample> Early, CacheResult<CachedSample> Late)> ReadAcrossAnInvalidationAsync(
        CacheEngineHost host, CacheEntryOptions options, CacheKey key)
    {
        var earlyLoadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseEarlyLoad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var early = host.Cache.GetOrCreateAsync(key, options, async _ =>
        {
            earlyLoadStarted.SetResult();
            await releaseEarlyLoad.Task;
            return new CachedSample("read before the write", 1);
        }, None).AsTask();
        await earlyLoadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await host.Cache.InvalidateTagsAsync(["write-tag"], None);
        var late = await host.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("read after the write", 2)), None)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        releaseEarlyLoad.SetResult();
        return (await early, late);
    }
}
