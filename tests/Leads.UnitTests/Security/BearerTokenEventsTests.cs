using System.Security.Claims;
using Leads.Api.Security;
using Leads.Application.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Leads.UnitTests.Security;

/// <summary>A client that disconnects while its authorization data loads fails authentication quietly: nothing escapes, nothing is logged above debug.</summary>
public sealed class BearerTokenEventsTests
{
    [Fact]
    public async Task A_request_aborted_while_its_access_loads_fails_quietly_at_debug_level()
    {
        var tokens = new ValidatedTokenCache(TimeProvider.System);
        tokens.Add("known-token", Guid.NewGuid(), new ClaimsIdentity(), DateTimeOffset.UtcNow.AddHours(1));
        using var services = new ServiceCollection()
            .AddSingleton<IUserAccessRepository, CancelledAccess>()
            .AddSingleton<HttpCurrentUser>()
            .BuildServiceProvider();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var http = new DefaultHttpContext { RequestServices = services, RequestAborted = aborted.Token };
        http.Request.Headers.Authorization = "Bearer known-token";
        var context = new MessageReceivedContext(http, new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler)), new JwtBearerOptions());
        var logger = new LevelLogger();

        await new BearerTokenEvents(tokens, logger).MessageReceived(context);

        context.Result.Should().NotBeNull();
        context.Result!.Failure.Should().NotBeNull("the request is not authenticated");
        logger.Levels.Should().Equal(LogLevel.Debug);
    }

    private sealed class CancelledAccess : IUserAccessRepository
    {
        public Task<UserAccess?> GetAsync(Guid userId, CancellationToken cancellationToken) => Task.FromCanceled<UserAccess?>(cancellationToken);
    }

    private sealed class LevelLogger : ILogger<BearerTokenEvents>
    {
        public List<LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => Levels.Add(logLevel);
    }
}
