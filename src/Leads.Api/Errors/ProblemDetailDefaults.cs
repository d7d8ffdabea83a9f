namespace Leads.Api.Errors;

/// <summary>
/// A detail for problems that the framework writes without one (no matching route, wrong method, media type,
/// missing token), so that every error tells the client what to change, not only its status.
/// </summary>
public static class ProblemDetailDefaults
{
    public static string? For(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is malformed.",
        StatusCodes.Status401Unauthorized => "A valid bearer token is required (POST /api/auth/token).",
        StatusCodes.Status403Forbidden => "Your account may not do this.",
        StatusCodes.Status404NotFound => "Nothing exists at this address; check the path and that ids are GUIDs.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept this HTTP method.",
        StatusCodes.Status406NotAcceptable => "The API answers application/json only.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status414UriTooLong => "The address is too long.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large.",
        _ => null,
    };
}
