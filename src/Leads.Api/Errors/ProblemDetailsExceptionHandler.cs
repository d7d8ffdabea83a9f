using FluentValidation;
using Leads.Api.Http;
using Leads.Application.Common.Exceptions;
using Leads.Domain.Common;
using Leads.Domain.Leads;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Leads.Api.Errors;

/// <summary>Maps every exception to an RFC 9457 problem; unexpected ones become a 500 without internals.</summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(
                validation.Errors
                    .GroupBy(e => string.IsNullOrEmpty(e.PropertyName) ? "request" : char.ToLowerInvariant(e.PropertyName[0]) + e.PropertyName[1..])
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
            },
            NotFoundException => Problem(StatusCodes.Status404NotFound, "Not found", exception.Message),
            ForbiddenAccessException => Problem(StatusCodes.Status403Forbidden, "Forbidden", exception.Message),
            UnauthorizedException => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", exception.Message),
            PreconditionFailedException => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed", exception.Message),
            ConcurrencyConflictException => Problem(StatusCodes.Status409Conflict, "Version conflict", exception.Message),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "Version conflict", "The resource was changed by someone else; reload it and try again."),
            ConflictException or InvalidStatusTransitionException => Problem(StatusCodes.Status409Conflict, "Conflict", exception.Message),
            DomainException => Problem(StatusCodes.Status400BadRequest, "Rule violated", exception.Message),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", bad.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "The error was logged; try again later.");
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}
