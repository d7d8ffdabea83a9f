using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Leads.Api.Errors;

/// <summary>
/// Requests that fail model binding (missing or mistyped JSON fields) are refused by MVC before FluentValidation
/// runs. Their field errors get the same camelCase keys as the validator's (<c>email</c>, not <c>Email</c>), so
/// a client reads one shape of 400 whichever layer refused the request.
/// </summary>
public static class ModelStateProblems
{
    public static void Configure(ApiBehaviorOptions options) =>
        options.InvalidModelStateResponseFactory = context =>
        {
            var camelCased = new ModelStateDictionary();
            foreach (var (key, entry) in context.ModelState)
            {
                foreach (var error in entry.Errors)
                {
                    camelCased.AddModelError(CamelCase(key), error.ErrorMessage);
                }
            }

            var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
            var problem = factory.CreateValidationProblemDetails(context.HttpContext, camelCased, StatusCodes.Status400BadRequest);
            return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
        };

    private static string CamelCase(string key)
    {
        var segments = key.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length > 0 && char.IsUpper(segment[0]))
            {
                segments[i] = char.ToLowerInvariant(segment[0]) + segment[1..];
            }
        }

        return string.Join('.', segments);
    }
}
