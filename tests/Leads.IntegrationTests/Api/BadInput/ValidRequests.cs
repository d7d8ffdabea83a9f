using System.Text.Json;
using Leads.Infrastructure.Persistence.Seeding;

namespace Leads.IntegrationTests.Api.BadInput;

/// <summary>
/// A valid value for every parameter and body field the OpenAPI document declares, so that each bad-input case
/// changes exactly one of them. A field that is missing here fails the test: a new field needs its valid value.
/// </summary>
internal static class ValidRequests
{
    private static readonly Dictionary<string, string> QueryValues = new()
    {
        ["page"] = "1",
        ["pageSize"] = "10",
        ["status"] = "New",
        ["categoryId"] = DemoData.Categories[0].Id.ToString(),
        ["search"] = "ada",
        ["sort"] = "name",
        ["version"] = "1",
        ["namespace"] = "api",
        ["tag"] = "categories",
        ["pattern"] = "lead*",
        ["all"] = "true",
        ["hotKeys"] = "5",
    };

    private static readonly Dictionary<string, object?> BodyValues = new()
    {
        ["name"] = "Ada Lovelace",
        ["email"] = "ada@analytical.example",
        ["company"] = "Analytical Engines",
        ["phone"] = "+44 20 7946 0000",
        ["source"] = "Referral",
        ["categoryId"] = DemoData.Categories[0].Id,
        ["estimatedValue"] = 12500m,
        ["score"] = 80,
        ["notes"] = "Met at the expo.",
        ["teamId"] = DemoData.TeamA,
        ["ownerUserId"] = null,
        ["version"] = null,
        ["description"] = "Fuzzed",
        ["status"] = "Contacted",
        ["username"] = DemoData.SalesAName,
        ["password"] = DemoData.SalesAPassword,
        ["role"] = "Member",
        ["teamIds"] = new[] { DemoData.TeamA },
        ["isActive"] = true,
    };

    public static string QueryValue(OpenApiOperation operation, OpenApiField field) =>
        QueryValues.TryGetValue(field.Name, out var value)
            ? value
            : throw new InvalidOperationException($"No valid value for query parameter '{field.Name}' of {operation}; add one to {nameof(ValidRequests)}.");

    /// <summary>The body of <paramref name="operation"/> with every field valid except <paramref name="field"/>, written as <paramref name="rawJson"/>.</summary>
    public static string BodyWith(OpenApiOperation operation, string? field, string? rawJson)
    {
        var members = new List<string>();
        foreach (var bodyField in operation.BodyFields!)
        {
            if (bodyField.Name == field)
            {
                members.Add(JsonSerializer.Serialize(bodyField.Name) + ":" + rawJson);
                continue;
            }

            if (!BodyValues.TryGetValue(bodyField.Name, out var value))
            {
                throw new InvalidOperationException($"No valid value for body field '{bodyField.Name}' of {operation}; add one to {nameof(ValidRequests)}.");
            }

            members.Add(JsonSerializer.Serialize(bodyField.Name) + ":" + JsonSerializer.Serialize(value));
        }

        return "{" + string.Join(",", members) + "}";
    }
}
