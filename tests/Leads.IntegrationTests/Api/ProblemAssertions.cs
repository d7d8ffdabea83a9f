using System.Net;
using System.Text.Json;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// What every error must look like: an RFC 9457 problem (application/problem+json) with its status in the body,
/// and Cache-Control no-store so that no browser or shared cache keeps it.
/// </summary>
internal static class ProblemAssertions
{
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "{0} {1} answered {2}", response.RequestMessage?.Method, response.RequestMessage?.RequestUri, body);
        response.Content.Headers.ContentType.Should().NotBeNull("an error body is a problem document: {0}", body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", "an error body is a problem document: {0}", body);
        response.Headers.CacheControl.Should().NotBeNull("an error must never be cached");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("an error must never be cached");
        response.Headers.ETag.Should().BeNull("an error has no validator");

        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>A 400 whose <c>errors</c> name exactly the given fields (camelCase, as the client sent them).</summary>
    public static async Task<JsonElement> ShouldBeValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.TryGetProperty("errors", out var errors).Should().BeTrue("a validation problem lists its errors: {0}", problem);
        var keys = errors.EnumerateObject().Select(p => p.Name).ToArray();
        keys.Should().Contain(fields);
        foreach (var field in fields)
        {
            errors.GetProperty(field).EnumerateArray().Should().NotBeEmpty();
        }

        return problem;
    }
}
