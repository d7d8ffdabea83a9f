using Leads.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Leads.UnitTests.Hosting;

public sealed class TracingSetupTests
{
    [Fact]
    public void Without_an_otlp_endpoint_no_tracer_listens()
    {
        using var services = Build(new Dictionary<string, string?>());

        services.GetService<TracerProvider>().Should().BeNull();
    }

    [Theory]
    [InlineData(Tracing.OtlpEndpointVariable, "http://127.0.0.1:4317")]
    [InlineData("Tracing:Enabled", "true")]
    public void An_otlp_endpoint_or_the_switch_turns_tracing_on(string key, string value)
    {
        using var services = Build(new Dictionary<string, string?> { [key] = value });

        services.GetService<TracerProvider>().Should().NotBeNull();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLeadsTracing(configuration);
        return services.BuildServiceProvider();
    }
}
