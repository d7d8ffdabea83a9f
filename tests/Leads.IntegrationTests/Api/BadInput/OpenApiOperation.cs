using System.Text.Json;

namespace Leads.IntegrationTests.Api.BadInput;

/// <summary>What a type in the OpenAPI document says a value is; decides which wrong values are tried for it.</summary>
internal enum ValueKind
{
    String,
    Guid,
    Integer,
    Number,
    Boolean,
    Enum,
    Array,
    Object,
}

/// <summary>One parameter (path or query) or body field of an operation, as the served OpenAPI document declares it.</summary>
/// <remarks><see cref="Nullable"/>: the schema allows null (OpenAPI lists nullable record parameters as required too).</remarks>
internal sealed record OpenApiField(string Name, string In, bool Required, ValueKind Kind, string? Format, IReadOnlyList<string> EnumValues, bool Nullable = false);

/// <summary>One operation of the served OpenAPI document: its method, path template, parameters and body fields.</summary>
internal sealed record OpenApiOperation(string Method, string Path, IReadOnlyList<OpenApiField> Parameters, IReadOnlyList<OpenApiField>? BodyFields)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Reads every operation of the document (OpenAPI 3.1 as Microsoft.AspNetCore.OpenApi writes it).</summary>
    public static IReadOnlyList<OpenApiOperation> ReadAll(JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var parameters = new List<OpenApiField>();
                if (operation.Value.TryGetProperty("parameters", out var declared))
                {
                    foreach (var parameter in declared.EnumerateArray())
                    {
                        var schema = Resolve(schemas, parameter.GetProperty("schema"));
                        var (kind, format, values) = Classify(schemas, schema);
                        parameters.Add(new OpenApiField(
                            parameter.GetProperty("name").GetString()!,
                            parameter.GetProperty("in").GetString()!,
                            parameter.TryGetProperty("required", out var required) && required.GetBoolean(),
                            kind,
                            format,
                            values));
                    }
                }

                operations.Add(new OpenApiOperation(operation.Name.ToUpperInvariant(), path.Name, parameters, ReadBodyFields(schemas, operation.Value)));
            }
        }

        return operations;
    }

    private static List<OpenApiField>? ReadBodyFields(JsonElement schemas, JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body))
        {
            return null;
        }

        var schema = Resolve(schemas, body.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToHashSet() : [];
        var fields = new List<OpenApiField>();
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            var (kind, format, values) = Classify(schemas, Resolve(schemas, property.Value));
            fields.Add(new OpenApiField(property.Name, "body", required.Contains(property.Name), kind, format, values, AllowsNull(property.Value)));
        }

        return fields;
    }

    private static bool AllowsNull(JsonElement schema) =>
        (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null"))
        || new[] { "oneOf", "anyOf" }.Any(c => schema.TryGetProperty(c, out var options)
            && options.EnumerateArray().Any(o => o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));

    private static JsonElement Resolve(JsonElement schemas, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(schemas, schemas.GetProperty(reference.GetString()!.Split('/')[^1]));
        }

        // A nullable reference is written as oneOf/anyOf [null, $ref].
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                foreach (var option in options.EnumerateArray())
                {
                    if (!(option.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null"))
                    {
                        return Resolve(schemas, option);
                    }
                }
            }
        }

        return schema;
    }

    private static (ValueKind Kind, string? Format, IReadOnlyList<string> EnumValues) Classify(JsonElement schemas, JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (schema.TryGetProperty("enum", out var values))
        {
            return (ValueKind.Enum, format, values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray());
        }

        var types = new List<string>();
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.Array)
            {
                types.AddRange(type.EnumerateArray().Select(t => t.GetString()!));
            }
            else
            {
                types.Add(type.GetString()!);
            }
        }

        var kind = types.FirstOrDefault(t => t != "null") switch
        {
            "string" when format == "uuid" => ValueKind.Guid,
            "string" => ValueKind.String,
            "integer" => ValueKind.Integer,
            "number" => ValueKind.Number,
            "boolean" => ValueKind.Boolean,
            "array" => ValueKind.Array,

            // Number-or-string types ("pattern" numbers in OpenAPI 3.1) are numbers to this test.
            null when schema.TryGetProperty("pattern", out _) => ValueKind.Number,
            _ => ValueKind.Object,
        };

        // Integers and decimals are written as ["integer", "string"] with a pattern: numbers may come as strings.
        if (types.Contains("integer"))
        {
            kind = ValueKind.Integer;
        }
        else if (types.Contains("number"))
        {
            kind = ValueKind.Number;
        }

        return (kind, format, []);
    }
}
