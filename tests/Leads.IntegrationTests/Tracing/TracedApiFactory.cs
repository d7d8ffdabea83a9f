using System.Diagnostics;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace Leads.IntegrationTests.Tracing;

/// <summary>The API with tracing on (as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> would switch it on) and its spans kept in memory.</summary>
public sealed class TracedApiFactory : LeadsApiFactory
{
    public TracedApiFactory()
    {
        Settings["Tracing:Enabled"] = "true";
    }

    /// <summary>Every finished span, in the order they ended.</summary>
    public List<Activity> Spans { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }

    public Activity[] SpansOf(ActivityTraceId trace)
    {
        lock (Spans)
        {
            return Spans.Where(s => s.TraceId == trace).ToArray();
        }
    }
}
