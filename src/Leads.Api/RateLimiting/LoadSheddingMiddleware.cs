using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Leads.Api.RateLimiting;

/// <summary>
/// Keeps the cores for the requests in flight and sheds load before the thread pool starves: at most
/// <see cref="ConcurrencyLimit.PermitLimit"/> requests run at once and <see cref="ConcurrencyLimit.QueueLimit"/> more
/// wait (oldest first); any further request is answered 503
/// with Retry-After at once, which costs far less than letting it queue for a thread and time out. It runs before
/// authentication, so a refused request does no work at all. Health probes are never shed: an overloaded instance
/// is alive, and restarting it would move its load onto the others. The limiter holds no timers and lives as long
/// as the application.
/// </summary>
public sealed class LoadSheddingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _retryAfter;

    public LoadSheddingMiddleware(RequestDelegate next, IOptions<RateLimitingOptions> options)
    {
        _next = next;
        var limit = options.Value.Concurrency;
        _retryAfter = limit.RetryAfter;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            QueueLimit = limit.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            await _next(context);
            return;
        }

        using var lease = await _limiter.AcquireAsync(1, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            await LimitResponses.WriteAsync(
                context, StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The service is overloaded; try again shortly.", _retryAfter);
            return;
        }

        await _next(context);
    }
}
