using System.Diagnostics;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// An invalidation issued while Redis cannot be reached is not lost: the instance that issued it serves
/// nothing from any cache tier until it lands, and once Redis answers again it is applied and published, so
/// the copies other instances hold (L1 and Redis) stop being served.
/// </summary>
[Collection(RedisFaultCollection.Name)]
public sealed class DeferredInvalidationTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    // Short timeouts so the frozen phase is quick; a short break so the circuit closes soon after the resume.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Caching:Redis:OperationTimeout"] = "00:00:00.200",
        ["Caching:Redis:BreakDuration"] = "00:00:00.500",
        ["Caching:Redis:RetryPendingInterval"] = "00:00:00.100",
    };

    private readonly RedisServerProcess _redis = new();
    private readonly string _prefix = EngineSpec.UniquePrefix();
    private CacheEngineHost _writer = null!;
    private CacheEngineHost _reader = null!;

    public async Task InitializeAsync()
    {
        _writer = new CacheEngineHost(_redis.ConnectionString, _prefix, Settings);
        _reader = new CacheEngineHost(_redis.ConnectionString, _prefix, Settings);
        await _writer.StartBackgroundServicesAsync();
        await _reader.StartBackgroundServicesAsync();
    }

    public async Task DisposeAsync()
    {
        _redis.Resume();
        await _writer.DisposeAsync();
        await _reader.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task Invalidation_made_while_redis_is_frozen_is_applied_everywhere_once_it_resumes()
    {
        var options = EngineSpec.Options(EngineSpec.Policy(useL1: true), "deferred-tag");
        var key = EngineSpec.Key("deferred");
        await _writer.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("before", 1)), None);
        await Poll.UntilAsync(
            async () => (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Outcome == CacheOutcome.HitL1,
            Recovery,
            "the reader to hold the entry in L1");

        _redis.Freeze();
        var watch = Stopwatch.StartNew();
        await _writer.Cache.InvalidateTagsAsync(["deferred-tag"], None);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "an invalidation Redis cannot take is recorded, not waited for");
        await _writer.Cache.InvalidateTagsAsync(["deferred-tag", "other-tag"], None);
        await _writer.Cache.InvalidateTagsAsync(["deferred-tag"], None);

        var duringFreeze = await _writer.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("after", 2)), None);
        duringFreeze.Outcome.Should().Be(CacheOutcome.Unavailable, "the writer must not serve its own cached copy of what it just changed");
        duringFreeze.Value.Should().Be(new CachedSample("after", 2));

        _redis.Resume();

        await Poll.UntilAsync(
            async () => (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Outcome == CacheOutcome.Miss,
            Recovery,
            "the reader to stop serving the invalidated entry");
        await using var freshInstance = new CacheEngineHost(_redis.ConnectionString, _prefix, Settings);
        (await freshInstance.Cache.GetAsync<CachedSample>(key, options, None)).Outcome.Should().Be(CacheOutcome.Miss, "the Redis copy is stale too");
        await Poll.UntilAsync(
            async () => (await _writer.Cache.GetOrCreateAsync(key, options, _ => ValueTask.FromResult(new CachedSample("after", 2)), None)).Outcome != CacheOutcome.Unavailable,
            Recovery,
            "the writer to use the cache again");
        (await _reader.Cache.GetAsync<CachedSample>(key, options, None)).Value.Should().Be(new CachedSample("after", 2));

        // One warning when the outage starts and one line when its last invalidation lands, however many were deferred.
        var outage = _writer.Logs.Entries.Where(e => e.Category.EndsWith(nameof(DeferredInvalidations), StringComparison.Ordinal) && e.Level >= LogLevel.Information).ToArray();
        outage.Select(e => e.Level).Should().Equal([LogLevel.Warning, LogLevel.Information], string.Join(" | ", outage.Select(e => e.Message)));
        outage[1].Message.Should().Contain("all 3 invalidations deferred over").And.Contain("(4 tags)");
    }
}
