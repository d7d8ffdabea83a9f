using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Api;

namespace Leads.IntegrationTests.RateLimiting;

/// <summary>
/// Password guessing is bounded per user name and per client address, bulk cache invalidation per admin, and the
/// whole API sheds load with 503 before it starves. Each test starts a host with the limits it names; the rest of
/// the suite runs with limits too high to reach.
/// </summary>
public sealed class RateLimitingTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public Task Forty_wrong_passwords_in_a_row_are_refused_with_429_after_the_per_user_name_limit() =>
        LimitedApiFactory.RunAsync(Limits(("TokenPerUserName:PermitLimit", "10"), ("TokenPerClient:PermitLimit", "1000")), async factory =>
        {
            var client = factory.CreateClient();
            var statuses = new List<HttpStatusCode>();
            for (var attempt = 0; attempt < 40; attempt++)
            {
                var response = await RequestTokenAsync(client, DemoData.SalesAName, "wrong-password-" + attempt);
                statuses.Add(response.StatusCode);
                if (attempt >= 10)
                {
                    await ShouldBeRateLimitedAsync(response);
                }
            }

            statuses.Take(10).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
            statuses.Skip(10).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);

            // The budget counts attempts, not failures: the right password gets no extra guess, in any spelling of the name.
            (await RequestTokenAsync(client, DemoData.SalesAName, DemoData.SalesAPassword)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            (await RequestTokenAsync(client, " SALES-A ", DemoData.SalesAPassword)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            (await RequestTokenAsync(client, DemoData.SalesBName, DemoData.SalesBPassword)).StatusCode.Should().Be(HttpStatusCode.OK, "another account keeps its own budget");
        });

    [Fact]
    public Task One_client_trying_many_user_names_is_refused_after_the_per_client_limit() =>
        LimitedApiFactory.RunAsync(Limits(("TokenPerUserName:PermitLimit", "1000"), ("TokenPerClient:PermitLimit", "5")), async factory =>
        {
            var client = factory.CreateClient();
            for (var attempt = 0; attempt < 5; attempt++)
            {
                (await RequestTokenAsync(client, "guess-" + attempt, "whatever")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            }

            await ShouldBeRateLimitedAsync(await RequestTokenAsync(client, "guess-5", "whatever"));
            await ShouldBeRateLimitedAsync(await RequestTokenAsync(client, DemoData.SalesAName, DemoData.SalesAPassword));
        });

    [Fact]
    public Task The_per_user_name_limit_follows_its_configuration() =>
        LimitedApiFactory.RunAsync(Limits(("TokenPerUserName:PermitLimit", "3"), ("TokenPerClient:PermitLimit", "1000")), async factory =>
        {
            var client = factory.CreateClient();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                (await RequestTokenAsync(client, DemoData.SalesBName, DemoData.SalesBPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
            }

            await ShouldBeRateLimitedAsync(await RequestTokenAsync(client, DemoData.SalesBName, DemoData.SalesBPassword));
        });

    [Fact]
    public Task Bulk_cache_invalidation_is_limited_per_admin() =>
        LimitedApiFactory.RunAsync(Limits(("CacheInvalidationPerUser:PermitLimit", "2")), async factory =>
        {
            var admin = await factory.CreateAdminClientAsync();

            (await admin.DeleteAsync("/api/admin/cache?all=true")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await admin.DeleteAsync("/api/admin/cache?namespace=api")).StatusCode.Should().Be(HttpStatusCode.OK);
            await ShouldBeRateLimitedAsync(await admin.DeleteAsync("/api/admin/cache?all=true"));
            (await admin.GetAsync("/api/admin/cache/stats")).StatusCode.Should().Be(HttpStatusCode.OK, "only invalidation is limited");
        });

    [Fact]
    public Task Requests_beyond_the_concurrency_limit_are_shed_with_503_while_health_probes_still_answer() =>
        LimitedApiFactory.RunAsync(Limits(("Concurrency:PermitLimit", "1"), ("Concurrency:QueueLimit", "0"), ("Concurrency:RetryAfter", "00:00:02")), async factory =>
        {
            var client = factory.CreateClient();

            // A request whose body is still arriving holds the only permit: its headers are in, its body is not.
            var (held, shed) = await HoldThePermitUntilShedAsync(client, "/api/static/config");
            var live = await client.GetAsync("/health/live");
            held.Dispose();
            var after = await UntilAnsweredAsync(client, "/api/static/config");

            await shed.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            shed.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2), "Concurrency:RetryAfter says when to come back");
            live.StatusCode.Should().Be(HttpStatusCode.OK, "an overloaded instance is alive");
            after.StatusCode.Should().Be(HttpStatusCode.OK, "the permit is returned when a request ends");
        });

    [Fact]
    public Task Requests_within_the_concurrency_limit_are_not_shed() =>
        LimitedApiFactory.RunAsync(Limits(("Concurrency:PermitLimit", "2"), ("Concurrency:QueueLimit", "0")), async factory =>
        {
            var client = factory.CreateClient();
            using var held = await StartRequestWithoutItsBodyAsync(client.BaseAddress!);

            var responses = new List<HttpResponseMessage>();
            for (var i = 0; i < 20; i++)
            {
                responses.Add(await client.GetAsync("/api/static/config"));
            }

            responses.Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.OK), "one request in flight leaves one permit for these, one at a time");
        });

    [Theory]
    [InlineData("TokenPerUserName:PermitLimit", "0")]
    [InlineData("TokenPerClient:Window", "00:00:00")]
    [InlineData("Concurrency:QueueLimit", "-1")]
    public async Task A_limit_that_cannot_work_stops_the_host_at_start_with_a_clear_message(string key, string value)
    {
        var act = () => LimitedApiFactory.RunAsync(Limits((key, value)), _ => Task.CompletedTask);

        (await act.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("RateLimiting: every PermitLimit must be at least 1");
    }

    [Fact]
    public void The_shipped_limits_are_the_documented_ones()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        var limits = settings.RootElement.GetProperty("RateLimiting");

        limits.GetProperty("TokenPerUserName").GetProperty("PermitLimit").GetInt32().Should().Be(10);
        limits.GetProperty("TokenPerClient").GetProperty("PermitLimit").GetInt32().Should().Be(30);
        limits.GetProperty("CacheInvalidationPerUser").GetProperty("PermitLimit").GetInt32().Should().Be(30);
        limits.GetProperty("Concurrency").GetProperty("PermitLimit").GetInt32().Should().Be(64);
        limits.GetProperty("Concurrency").GetProperty("QueueLimit").GetInt32().Should().Be(5000);
        foreach (var window in new[] { "TokenPerUserName", "TokenPerClient", "CacheInvalidationPerUser" })
        {
            TimeSpan.Parse(limits.GetProperty(window).GetProperty("Window").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(Window);
        }
    }

    /// <summary>Sends the headers of a token request announcing a body, and one byte of it; disposing the client ends the request.</summary>
    private static async Task<TcpClient> StartRequestWithoutItsBodyAsync(Uri server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var head = $"POST /api/auth/token HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{";
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        return tcp;
    }

    // The server starts the held request a moment after its headers arrive. If a probing GET holds the permit at
    // that moment, the held request is the one shed (the server answers on its connection): it is sent again.
    private static async Task<(TcpClient Held, HttpResponseMessage Shed)> HoldThePermitUntilShedAsync(HttpClient client, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var held = await StartRequestWithoutItsBodyAsync(client.BaseAddress!);
        while (true)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return (held, response);
            }

            if (held.Client.Poll(0, System.Net.Sockets.SelectMode.SelectRead))
            {
                held.Dispose();
                held = await StartRequestWithoutItsBodyAsync(client.BaseAddress!);
            }

            await Task.Delay(20);
        }
    }

    // The server notices the held request's connection closed a moment after it happens.
    private static Task<HttpResponseMessage> UntilAnsweredAsync(HttpClient client, string url) =>
        UntilAsync(client, url, HttpStatusCode.OK);

    private static async Task<HttpResponseMessage> UntilAsync(HttpClient client, string url, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode == wanted || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(20);
        }
    }

    private static Dictionary<string, string> Limits(params (string Key, string Value)[] limits) => limits.ToDictionary(l => l.Key, l => l.Value);

    private static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { username = userName, password });

    private static async Task ShouldBeRateLimitedAsync(HttpResponseMessage response)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.Should().NotBeNull("a 429 says when the window opens again");
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(Window);
    }
}
