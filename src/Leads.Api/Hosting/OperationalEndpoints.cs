using Leads.Api.Security;
using Scalar.AspNetCore;

namespace Leads.Api.Hosting;

/// <summary>
/// <c>/metrics</c>, <c>/openapi/v1.json</c> and Scalar (<c>/scalar/v1</c>) tell an outsider every route, field and
/// how busy the service is, so outside Development they are off unless configured (<c>Endpoints:Metrics</c>,
/// <c>Endpoints:OpenApi</c>, <c>Endpoints:Scalar</c>: Off, Admin or Public; docs/security.md). A Prometheus
/// scraper has no admin token: <c>Endpoints:MetricsPort</c> serves <c>/metrics</c> only on a port of its own (add it
/// to the server's URLs), which the network can keep internal.
/// </summary>
public static class OperationalEndpoints
{
    public static WebApplication MapOperationalEndpoints(this WebApplication app)
    {
        if (ExposureOf(app, "Endpoints:OpenApi") is var openApi and not EndpointExposure.Off)
        {
            Protect(app.MapOpenApi(), openApi);
        }

        if (ExposureOf(app, "Endpoints:Scalar") is var scalar and not EndpointExposure.Off)
        {
            Protect(app.MapScalarApiReference(), scalar);
        }

        if (ExposureOf(app, "Endpoints:Metrics") is var metrics and not EndpointExposure.Off)
        {
            var scrape = Protect(app.MapPrometheusScrapingEndpoint("/metrics"), metrics);
            if (app.Configuration.GetValue<int?>("Endpoints:MetricsPort") is { } port)
            {
                scrape.RequireHost("*:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return app;
    }

    /// <summary>The configured exposure; Public in Development and Off elsewhere when nothing is configured.</summary>
    public static EndpointExposure ExposureOf(WebApplication app, string key) =>
        app.Configuration.GetValue<EndpointExposure?>(key)
            ?? (app.Environment.IsDevelopment() ? EndpointExposure.Public : EndpointExposure.Off);

    private static IEndpointConventionBuilder Protect(IEndpointConventionBuilder endpoint, EndpointExposure exposure) =>
        exposure == EndpointExposure.Admin ? endpoint.RequireAuthorization(AuthenticationSetup.AdminPolicy) : endpoint;
}
