namespace Leads.IntegrationTests.Api.BadInput;

/// <summary>One request that must be refused: which operation, what was wrong with it, and the request itself.</summary>
internal sealed record BadInputCase(OpenApiOperation Operation, string What, string Url, byte[]? Body)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        }

        return request;
    }

    public override string ToString() => $"{Operation} with {What}";
}
