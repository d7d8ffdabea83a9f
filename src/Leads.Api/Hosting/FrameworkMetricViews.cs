using OpenTelemetry.Metrics;

namespace Leads.Api.Hosting;

/// <summary>
/// ASP.NET Core instruments that the ASP.NET Core instrumentation enables and that are recorded on every request
/// with a tag list built for that request, but that no alert, dashboard or page of docs/ reads. Dropped by a view,
/// an instrument is never enabled, so the framework skips building its tags: on a cached hit the authorization
/// attempt counter alone showed in the profile (docs/benchmarks.md, "Cost of a cached hit").
/// <c>http.server.request.duration</c> stays: deploy/monitoring's latency alert and dashboard use it.
/// </summary>
public static class FrameworkMetricViews
{
    public static readonly IReadOnlyList<string> Dropped =
    [
        "aspnetcore.authorization.attempts",
        "aspnetcore.authentication.authenticate.duration",
        "aspnetcore.routing.match_attempts",
        "http.server.active_requests",
    ];

    public static MeterProviderBuilder DropUnreadPerRequestInstruments(this MeterProviderBuilder metrics)
    {
        foreach (var name in Dropped)
        {
            metrics.AddView(name, MetricStreamConfiguration.Drop);
        }

        return metrics;
    }
}
