namespace Leads.IntegrationTests.Api.BadInput;

/// <summary>
/// The wrong values tried for a field of each kind: wrong types, out-of-range and overflowing numbers, empty and
/// 10,000-character strings, control characters and NUL, unknown enum values and invalid ids. Query values are
/// URL text (escaped here); body values are raw JSON.
/// </summary>
internal static class BadValues
{
    public static readonly string LongText = new('a', 10_000);

    private static readonly string[] Overflowing = ["2147483648", "-2147483649", "99999999999999999999999", "-1"];

    public static IEnumerable<string> ForQuery(OpenApiField field)
    {
        string[] common = ["%00", "a%00b", "%01", "%1B", Uri.EscapeDataString(LongText)];
        IEnumerable<string> specific = field.Kind switch
        {
            ValueKind.Integer => ["abc", "1.5", "1e3", .. Overflowing],
            ValueKind.Number => ["abc", "1e400", "NaN"],
            ValueKind.Boolean => ["yes", "2", "truee"],
            ValueKind.Enum => ["NotAValue", "99", "-1"],
            ValueKind.Guid => ["not-a-guid", "123", Guid.Empty.ToString()],
            _ => [],
        };

        // An empty optional query parameter means "not given"; a required one must not be empty.
        return field.Required ? [.. common, .. specific, ""] : [.. common, .. specific];
    }

    // No NUL in a path: Kestrel refuses it with 400 before the application runs (and the test host throws).
    public static IEnumerable<string> ForPath(OpenApiField field) =>
        ["not-a-guid", "0", "%01", Guid.Empty.ToString(), Guid.NewGuid().ToString(), Uri.EscapeDataString(LongText)];

    public static IEnumerable<string> ForBody(OpenApiField field)
    {
        IEnumerable<string> specific = field.Kind switch
        {
            ValueKind.String => ["123", "true", "{}", "[]", Json(LongText), "\"a\\u0000b\"", "\"\\u0000\"", "\"a\\u0001b\"", "\"\\u001b[31m\"", "\"\\ud800\""],
            ValueKind.Guid => ["123", "true", "{}", "\"not-a-guid\"", Json(Guid.Empty.ToString()), Json(Guid.NewGuid().ToString()), "\"\\u0000\""],
            ValueKind.Integer => ["\"abc\"", "true", "{}", "1.5", "1e400", .. Overflowing],
            ValueKind.Number => ["\"abc\"", "true", "{}", "1e400", "-1e400", "-1", "\"NaN\"", "99999999999999999999999999999999"],
            ValueKind.Boolean => ["\"yes\"", "2", "{}", "\"true\""],
            ValueKind.Enum => ["\"NotAValue\"", "99", "-1", "true", "{}", "\"\\u0000\""],
            ValueKind.Array => ["\"x\"", "123", "{}", "[\"not-a-guid\"]", "[null]", "[123]", Json(Guid.Empty.ToString(), true)],
            _ => ["123", "\"x\""],
        };

        // Leaving out, nulling or emptying an optional (nullable) field is allowed; a required one must be refused.
        return field.Required && !field.Nullable ? [.. specific, "null", "\"\""] : specific;
    }

    /// <summary>Whole bodies that are not a request at all: malformed, deeply nested, oversized or of the wrong shape.</summary>
    public static IEnumerable<(string Name, byte[] Body)> WholeBodies()
    {
        yield return ("malformed", Utf8("{\"name\": \"Ada\", "));
        yield return ("trailing garbage", Utf8("{} x"));
        yield return ("empty", Utf8(""));
        yield return ("null", Utf8("null"));
        yield return ("array", Utf8("[]"));
        yield return ("number", Utf8("42"));
        yield return ("string", Utf8("\"text\""));
        yield return ("deeply nested", Utf8("{\"name\": " + new string('[', 10_000) + new string(']', 10_000) + "}"));
        yield return ("deeply nested objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)));
        yield return ("oversized", Utf8("{\"name\": " + Json(new string('a', 200_000)) + "}"));
        yield return ("invalid UTF-8", [.. "{\"name\": \""u8, 0xff, 0xfe, .. "\"}"u8]);
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static string Json(string value, bool inArray = false) =>
        inArray ? "[" + System.Text.Json.JsonSerializer.Serialize(value) + "]" : System.Text.Json.JsonSerializer.Serialize(value);
}
