using System.Net;
using System.Text.RegularExpressions;
using Leads.Api.Hosting;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Dashboard;

/// <summary>
/// The alert rules and the Grafana dashboard in deploy/monitoring are built on the real metric names: after some
/// traffic, every metric they use is on /metrics. A renamed instrument fails this test instead of an alert going silent.
/// </summary>
[Collection(MonitoringCollection.Name)]
public sealed partial class MonitoringRulesTests(LeadsApiFactory factory) : IAsyncLifetime
{
    private LeadsApiFactory Factory { get; } = factory;

    public Task InitializeAsync() => Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("alerts.yml")]
    [InlineData("grafana-dashboard.json")]
    public async Task Every_metric_the_monitoring_files_use_is_exported_after_traffic(string file)
    {
        var used = MetricName().Matches(await File.ReadAllTextAsync(Path.Combine(MonitoringFolder(), file)))
            .Select(m => m.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        used.Should().Contain(["leads_cache_lookups_total", "leads_cache_redis_memory_used_bytes"], "the rule must see the names it checks");
        var client = await Factory.CreateSalesAClientAsync();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/leads?pageSize=3")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var exported = await Factory.CreateClient().GetStringAsync("/metrics");
        var names = ExportedName().Matches(exported).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        used.Where(name => !names.Contains(name)).Should().BeEmpty("{0} uses them; /metrics has: {1}", file, string.Join(", ", names.Where(n => n.StartsWith("leads_", StringComparison.Ordinal)).Order()));
    }

    [Fact]
    public async Task Framework_instruments_that_nothing_reads_are_not_recorded_and_the_request_duration_is()
    {
        // A listener of its own shows that these requests do produce every dropped instrument under that name, so
        // their absence from /metrics below is the view's doing, not a misspelt name.
        var produced = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (FrameworkMetricViews.Dropped.Contains(instrument.Name))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => produced[instrument.Name] = 1);
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => produced[instrument.Name] = 1);
        listener.Start();

        var client = await Factory.CreateSalesAClientAsync();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/leads?pageSize=3")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        produced.Keys.Should().BeEquivalentTo(FrameworkMetricViews.Dropped, "the requests record each of them when something listens");

        var exported = await Factory.CreateClient().GetStringAsync("/metrics");
        var names = ExportedName().Matches(exported).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        names.Should().Contain("http_server_request_duration_seconds_bucket", "the latency alert and the dashboard use it");
        names.Where(name => name.StartsWith("aspnetcore_authorization_attempts", StringComparison.Ordinal)
                || name.StartsWith("aspnetcore_authentication_authenticate_duration", StringComparison.Ordinal)
                || name.StartsWith("aspnetcore_routing_match_attempts", StringComparison.Ordinal)
                || name.StartsWith("http_server_active_requests", StringComparison.Ordinal))
            .Should().BeEmpty("FrameworkMetricViews drops them: each was recorded with a tag list built per request");
    }

    private static string MonitoringFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Leads.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "deploy", "monitoring");
    }

    [GeneratedRegex(@"\b(?:leads|http_server)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{| )", RegexOptions.Multiline)]
    private static partial Regex ExportedName();
}
