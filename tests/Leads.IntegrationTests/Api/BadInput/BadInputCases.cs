using System.Text;
using Leads.Infrastructure.Persistence.Seeding;

namespace Leads.IntegrationTests.Api.BadInput;

/// <summary>
/// Builds the bad-input cases of every operation from the served OpenAPI document: each changes one parameter or
/// body field of an otherwise valid request, repeats a query parameter, or replaces the whole body.
/// </summary>
internal static class BadInputCases
{
    public static IEnumerable<BadInputCase> For(OpenApiOperation operation, Guid leadId)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            path = path.Replace("{" + parameter.Name + "}", ValidId(operation, leadId).ToString(), StringComparison.Ordinal);
        }

        var requiredQuery = operation.Parameters.Where(p => p.In == "query" && p.Required).ToList();
        string Url(string pathPart, IEnumerable<string> query)
        {
            var all = requiredQuery.Select(p => p.Name + "=" + ValidRequests.QueryValue(operation, p)).Concat(query).ToList();
            return all.Count == 0 ? pathPart : pathPart + "?" + string.Join("&", all);
        }

        var validBody = operation.BodyFields is null ? null : Encoding.UTF8.GetBytes(ValidRequests.BodyWith(operation, null, null));

        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            foreach (var value in BadValues.ForPath(parameter))
            {
                var badPath = operation.Path.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal);
                yield return new BadInputCase(operation, $"path {parameter.Name}={Short(value)}", Url(badPath, []), validBody);
            }
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            var others = requiredQuery.Where(p => p != parameter).Select(p => p.Name + "=" + ValidRequests.QueryValue(operation, p)).ToList();
            foreach (var value in BadValues.ForQuery(parameter))
            {
                yield return new BadInputCase(operation, $"query {parameter.Name}={Short(value)}", WithQuery(path, [.. others, parameter.Name + "=" + value]), validBody);
            }

            var valid = ValidRequests.QueryValue(operation, parameter);
            yield return new BadInputCase(operation, $"query {parameter.Name} given twice", WithQuery(path, [.. others, $"{parameter.Name}={valid}", $"{parameter.Name}={valid}"]), validBody);
        }

        if (operation.BodyFields is null)
        {
            yield break;
        }

        foreach (var field in operation.BodyFields)
        {
            foreach (var value in BadValues.ForBody(field))
            {
                var body = Encoding.UTF8.GetBytes(ValidRequests.BodyWith(operation, field.Name, value));
                yield return new BadInputCase(operation, $"body {field.Name}: {Short(value)}", Url(path, []), body);
            }
        }

        foreach (var (name, body) in BadValues.WholeBodies())
        {
            yield return new BadInputCase(operation, $"{name} body", Url(path, []), body);
        }
    }

    private static string WithQuery(string path, IReadOnlyList<string> query) => query.Count == 0 ? path : path + "?" + string.Join("&", query);

    /// <summary>An existing id of the kind the operation's path names, so that only the one bad value is wrong.</summary>
    private static Guid ValidId(OpenApiOperation operation, Guid leadId) => operation.Path switch
    {
        var p when p.StartsWith("/api/leads/categories", StringComparison.Ordinal) => DemoData.Categories[^1].Id,
        var p when p.StartsWith("/api/admin/users", StringComparison.Ordinal) => DemoData.SalesBUser,
        var p when p.StartsWith("/api/leads", StringComparison.Ordinal) => leadId,
        _ => throw new InvalidOperationException($"No valid id for {operation}; add one to {nameof(BadInputCases)}."),
    };

    private static string Short(string value) => value.Length > 40 ? $"<{value.Length} characters>" : value;
}
