using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Leads.Application.Common.Serialization;

/// <summary>
/// The one set of JSON options for answers: the cache stores exactly the bytes the API sends, so both use this.
/// The source-generated context covers the application's types, with reflection as a fallback so a new cacheable
/// query works before its type is added to the context.
/// </summary>
public static class LeadsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(LeadsJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(LeadsJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}
