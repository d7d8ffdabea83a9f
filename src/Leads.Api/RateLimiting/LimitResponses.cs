using Leads.Api.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Leads.Api.RateLimiting;

/// <summary>The one shape of a refusal by a limit: a problem with its status and a Retry-After saying when to come back.</summary>
public static class LimitResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, TimeSpan retryAfter)
    {
        context.Response.StatusCode = status;
        RetryAfter.Set(context.Response, retryAfter);
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    public static Task WriteTooManyRequestsAsync(HttpContext context, string detail, TimeSpan retryAfter) =>
        WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", detail, retryAfter);
}
