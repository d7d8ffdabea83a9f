using Microsoft.Extensions.Options;

namespace Leads.Api.RateLimiting;

/// <summary>
/// Keeps the cores for the requests in flight and sheds load before the thread pool starves: at most
/// <see cref="ConcurrencyLimit.PermitLimit"/> requests run at once and <see cref="ConcurrencyLimit.QueueLimit"/> more
/// wait (oldest first); any further request is answered 503
/// with Retry-After at once, which costs far less than letting it queue for a thread and time out. It runs before
/// authentication, so a refused request does no work at all. Health probes are never shed: an overloaded instance
/// is alive, and restarting it would move its load onto the others. The gate (<see cref="AdmissionGate"/>) holds no
/// timers, takes no lock while permits are free, and lives as long as the application.
/// </summary>
public sealed class LoadSheddingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AdmissionGate _gate;
    private readonly TimeSpan _retryAfter;

    public LoadSheddingMiddleware(RequestDelegate next, IOptions<RateLimitingOptions> options)
    {
        _next = next;
        var limit = options.Value.Concurrency;
        _retryAfter = limit.RetryAfter;
        _gate = new AdmissionGate(limit.PermitLimit, limit.QueueLimit);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            await _next(context);
            return;
        }

        if (!await _gate.EnterAsync(context.RequestAborted))
        {
            await LimitResponses.WriteAsync(
                context, StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The service is overloaded; try again shortly.", _retryAfter);
            return;
        }

        try
        {
            await _next(context);
        }
        finally
        {
            _gate.Exit();
        }
    }
}
