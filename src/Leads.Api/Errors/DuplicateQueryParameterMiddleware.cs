using Microsoft.AspNetCore.Mvc;

namespace Leads.Api.Errors;

/// <summary>
/// Refuses a query parameter given more than once (<c>?page=1&amp;page=2</c>). Model binding would silently take
/// the first value while a proxy or a log reader may take the last; no operation of this API takes a list from
/// the query, so a repeated name is always a client mistake and answers 400 naming the parameter.
/// </summary>
public sealed class DuplicateQueryParameterMiddleware(RequestDelegate next)
{
    // The problem writer is resolved only for a refusal: as an InvokeAsync parameter it was resolved from the
    // request's services on every request, a cached hit included.
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.QueryString.HasValue)
        {
            return next(context);
        }

        foreach (var (name, values) in context.Request.Query)
        {
            if (values.Count > 1)
            {
                return RefuseAsync(context, name);
            }
        }

        return next(context);
    }

    private static async Task RefuseAsync(HttpContext context, string name)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Bad request",
            Detail = $"The query parameter '{name}' was given more than once; give it once.",
        };
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
