using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Leads.Application.Caching;
using Leads.Application.Common.Behaviors;
using Leads.Application.Common.Diagnostics;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Caching.Monitoring;
using Mediator;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Leads.Benchmarks;

/// <summary>
/// What the application's spans cost a cached hit: the mediator span (<see cref="TracingBehavior{TMessage,TResponse}"/>)
/// and the cache-lookup span (<see cref="TracingCacheStore"/>) around an L1 hit that costs nothing itself, with no
/// listener (the default: no <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) and with the OpenTelemetry SDK exporting over OTLP to
/// a closed local port (every span is built, tagged and queued, then dropped by the failing exporter).
/// </summary>
[MemoryDiagnoser]
public class TracingOverheadBenchmarks
{
    private static readonly CacheKey Key = new(CacheLevel.Api, "LeadById", "admin", "0123");
    private static readonly CacheEntryOptions Options = new(new CachePolicy("LeadById", CacheLevel.Api, TimeSpan.FromMinutes(5), true, true), ["lead:1"]);
    private readonly Func<CancellationToken, ValueTask<LeadDto>> _factory = _ => throw new InvalidOperationException("a hit never loads");
    private readonly MessageHandlerDelegate<BenchQuery, int> _next = (_, _) => ValueTask.FromResult(1);
    private readonly TracingBehavior<BenchQuery, int> _behavior = new();
    private readonly BenchQuery _query = new();
    private HitStore _untraced = null!;
    private TracingCacheStore _traced = null!;
    private TracerProvider? _tracer;

    [Params("none", "otlp-closed-port")]
    public string Listener { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        _untraced = new HitStore(BenchmarkData.Lead(1));
        _traced = new TracingCacheStore(_untraced);
        if (Listener != "none")
        {
            _tracer = Sdk.CreateTracerProviderBuilder()
                .AddSource(LeadsTracing.SourceName)
                .AddOtlpExporter(o => o.Endpoint = new Uri("http://127.0.0.1:1"))
                .Build();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _tracer?.Dispose();

    [Benchmark(Baseline = true)]
    public ValueTask<CacheResult<LeadDto>> LookupUntraced() => _untraced.GetOrCreateAsync(Key, Options, _factory, CancellationToken.None);

    [Benchmark]
    public ValueTask<CacheResult<LeadDto>> LookupTraced() => _traced.GetOrCreateAsync(Key, Options, _factory, CancellationToken.None);

    [Benchmark]
    public ValueTask<int> MediatorSpan() => _behavior.Handle(_query, _next, CancellationToken.None);

    public sealed record BenchQuery : IQuery<int>;

    /// <summary>An L1 hit that costs nothing: what is left is the tracing around it.</summary>
    private sealed class HitStore(LeadDto lead) : ICacheStore
    {
        private CacheResult<LeadDto> _hit = new(lead, CacheOutcome.HitL1, null);

        public ValueTask<CacheResult<T>> GetOrCreateAsync<T>(CacheKey key, CacheEntryOptions options, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Unsafe.As<CacheResult<LeadDto>, CacheResult<T>>(ref _hit)); // T is LeadDto here; no boxing

        public ValueTask<IReadOnlyList<CacheResult<T>>> GetOrCreateManyAsync<T>(IReadOnlyList<CacheKey> keys, CachePolicy policy, Func<int, IReadOnlyList<string>> tags, Func<IReadOnlyList<int>, CancellationToken, ValueTask<IReadOnlyList<T?>>> loadMissing, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask<bool> InvalidateTagsAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public ValueTask<long> RemoveByPatternAsync(CacheLevel? level, string pattern, CancellationToken cancellationToken) => ValueTask.FromResult(0L);
    }
}
