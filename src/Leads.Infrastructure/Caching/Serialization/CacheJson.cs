using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Leads.Application.Common.Serialization;

namespace Leads.Infrastructure.Caching.Serialization;

/// <summary>
/// JSON options of the cache: the source-generated context for the application's types, with reflection as
/// a fallback so a new cacheable query works before its type is added to the context.
/// </summary>
public static class CacheJson
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
