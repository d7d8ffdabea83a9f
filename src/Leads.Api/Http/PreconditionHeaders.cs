using Microsoft.Extensions.Primitives;

namespace Leads.Api.Http;

/// <summary>
/// The precondition headers of one request as the client sent them (RFC 9110 section 13.1). <see cref="Preconditions"/>
/// decides on these values alone, so its rules are specified without a request; <see cref="Of"/> is the one place
/// that reads them from one.
/// </summary>
public readonly record struct PreconditionHeaders(StringValues IfMatch, StringValues IfNoneMatch, StringValues IfModifiedSince)
{
    public bool HasIfMatch => !StringValues.IsNullOrEmpty(IfMatch);

    public bool HasIfNoneMatch => !StringValues.IsNullOrEmpty(IfNoneMatch);

    public static PreconditionHeaders Of(HttpRequest request) =>
        new(request.Headers.IfMatch, request.Headers.IfNoneMatch, request.Headers.IfModifiedSince);
}
