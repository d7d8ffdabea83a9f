using Leads.Application.Common.Diagnostics;
using OpenTelemetry.Trace;

namespace Leads.Api.Hosting;

/// <summary>
/// Traces (OpenTelemetry): the ASP.NET Core request, the application's spans (<see cref="LeadsTracing"/>:
/// mediator message, cache lookup with level, tier and outcome, Redis call) and Npgsql's SQL spans. On only
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (then exported over OTLP, configured by the standard
/// <c>OTEL_*</c> variables) or <c>Tracing:Enabled</c> is true (a host adding its own exporter); otherwise no
/// listener exists and the spans cost nothing.
/// </summary>
public static class Tracing
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddLeadsTracing(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        if (!otlp && !configuration.GetValue("Tracing:Enabled", false))
        {
            return services;
        }

        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource(LeadsTracing.SourceName, "Npgsql").AddAspNetCoreInstrumentation();
            if (otlp)
            {
                tracing.AddOtlpExporter();
            }
        });
        return services;
    }
}
