using System.Net;
using Leads.Application.StaticConfig;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Leads.IntegrationTests.Api;

/// <summary>Outside Development an unexpected exception is a 500 problem that says nothing of the exception: no message, type or stack.</summary>
public sealed class ProductionErrorTests
{
    private const string Secret = "Host=internal-db.example;Password=hunter2";

    [Fact]
    public async Task A_500_outside_Development_carries_no_exception_details()
    {
        var production = new ProductionApiFactory
        {
            ReplaceServices = services => services.AddSingleton<IOptions<StaticConfigOptions>>(new ThrowingOptions()),
        };
        HttpResponseMessage response;
        try
        {
            await production.InitializeAsync();
            response = await production.CreateClient().GetAsync("/api/static/config");
            await response.Content.LoadIntoBufferAsync();
        }
        finally
        {
            await production.DisposeAsync();
        }

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        body.Should().NotContain("hunter2").And.NotContain("internal-db").And.NotContain(nameof(InvalidOperationException));
        body.Should().NotContain("StackTrace").And.NotContain("   at ").And.NotContainEquivalentOf("exception");
        problem.TryGetProperty("traceId", out _).Should().BeTrue("the trace id is how an operator finds the logged exception");
    }

    private sealed class ThrowingOptions : IOptions<StaticConfigOptions>
    {
        public StaticConfigOptions Value => throw new InvalidOperationException("Configuration store unreachable: " + Secret);
    }
}
