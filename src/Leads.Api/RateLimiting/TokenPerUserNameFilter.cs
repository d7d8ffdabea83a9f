using Leads.Api.Contracts;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Leads.Api.RateLimiting;

/// <summary>Refuses a token request with 429 once its user name has used up its budget (<see cref="TokenRequestLimiter"/>).</summary>
public sealed class TokenPerUserNameFilter(TokenRequestLimiter limiter) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var request = context.ActionArguments.Values.OfType<TokenRequest>().FirstOrDefault();
        if (!limiter.TryAcquire(request?.Username, out var retryAfter))
        {
            await LimitResponses.WriteTooManyRequestsAsync(context.HttpContext, "Too many token requests for this user name; try again later.", retryAfter);
            context.Result = new Microsoft.AspNetCore.Mvc.EmptyResult();
            return;
        }

        await next();
    }
}
