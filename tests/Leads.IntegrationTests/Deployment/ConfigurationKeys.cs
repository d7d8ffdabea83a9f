using System.ComponentModel;
using System.Globalization;
using Leads.Api.Errors;
using Leads.Api.Http;
using Leads.Api.RateLimiting;
using Leads.Api.Security;
using Leads.Application.StaticConfig;
using Leads.Infrastructure.Caching;
using Leads.Infrastructure.Persistence.Outbox;
using Leads.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Leads.IntegrationTests.Deployment;

/// <summary>
/// Which configuration keys the API reads, and whether a setting (an environment variable such as
/// <c>Caching__Policies__LeadById__Duration</c>, or a key of appsettings.json) names one of them with a value of
/// the right type. Sections bound to options classes are checked with the real configuration binder and
/// <see cref="BinderOptions.ErrorOnUnknownConfiguration"/>, so a misspelled property or an unconvertible value
/// fails exactly as the binder sees it; keys the code reads one by one and the framework keys the deployment
/// uses are listed here. A setting nothing reads is silently ignored by .NET: this is what catches it.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>Sections bound to an options class (Program.cs, AddInfrastructure); the longest matching section owns a key.</summary>
    private static readonly (string Section, Type Options)[] BoundSections =
    [
        (InvalidationOutboxOptions.SectionName, typeof(InvalidationOutboxOptions)),
        (PasswordHashingOptions.SectionName, typeof(PasswordHashingOptions)),
        (CachingOptions.SectionName, typeof(CachingOptions)),
        (JwtOptions.SectionName, typeof(JwtOptions)),
        (RateLimitingOptions.SectionName, typeof(RateLimitingOptions)),
        (HttpCachingOptions.SectionName, typeof(HttpCachingOptions)),
        (StaticConfigOptions.SectionName, typeof(StaticConfigOptions)),
        (AvailabilityOptions.SectionName, typeof(AvailabilityOptions)),
    ];

    /// <summary>Keys the code reads one at a time (configuration["…"], GetValue, GetConnectionString), with their type.</summary>
    public static readonly IReadOnlyDictionary<string, Type> ReadOneByOne = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["ConnectionStrings:Postgres"] = typeof(string),
        ["ConnectionStrings:Redis"] = typeof(string),
        ["Caching:KeySecret"] = typeof(string),
        ["Caching:Warmup:Enabled"] = typeof(bool),
        ["Api:MaxRequestBodyBytes"] = typeof(int),
        ["Database:ApplyMigrations"] = typeof(bool),
        ["Seed:Enabled"] = typeof(bool),
        ["Seed:Leads"] = typeof(int),
        ["Tracing:Enabled"] = typeof(bool),
    };

    /// <summary>Keys ASP.NET Core, the .NET runtime and the OpenTelemetry SDK read (only those a deployment here sets).</summary>
    private static readonly HashSet<string> FrameworkKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS",
        "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "DOTNET_ENVIRONMENT", "DOTNET_gcServer", "AllowedHosts",
        "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_HEADERS", "Logging:Console:FormatterName",
    };

    private const string LogLevelSection = "Logging:LogLevel:";
    private const string PoliciesSection = "Caching:Policies:";

    /// <summary>The configuration key an environment variable sets (<c>__</c> stands for <c>:</c>).</summary>
    public static string FromEnvironmentVariable(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Null when <paramref name="key"/> is read by the API and <paramref name="value"/> converts; otherwise why not.</summary>
    public static string? Check(string key, string? value)
    {
        if (FrameworkKeys.Contains(key))
        {
            return null;
        }

        if (key.StartsWith(LogLevelSection, StringComparison.OrdinalIgnoreCase))
        {
            return Enum.TryParse<LogLevel>(value, ignoreCase: true, out _) ? null : $"{key}: '{value}' is not a log level";
        }

        if (ReadOneByOne.TryGetValue(key, out var type))
        {
            return Converts(type, value) ? null : $"{key}: '{value}' does not convert to {type.Name}";
        }

        if (key.StartsWith(PoliciesSection, StringComparison.OrdinalIgnoreCase))
        {
            var policy = key[PoliciesSection.Length..].Split(':')[0];
            if (!CachingOptions.DefaultPolicies.ContainsKey(policy))
            {
                return $"{key}: there is no cache policy '{policy}' (known: {string.Join(", ", CachingOptions.DefaultPolicies.Keys)})";
            }
        }

        foreach (var (section, options) in BoundSections)
        {
            if (key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase))
            {
                return Binds(section, options, key, value);
            }
        }

        return $"{key}: nothing in the API reads this key";
    }

    private static string? Binds(string section, Type options, string key, string? value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]).Build();
        try
        {
            configuration.GetSection(section).Get(options, binder => binder.ErrorOnUnknownConfiguration = true);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"{key}: {e.Message}{(e.InnerException is null ? string.Empty : " " + e.InnerException.Message)}";
        }
    }

    private static bool Converts(Type type, string? value)
    {
        if (type == typeof(string))
        {
            return true;
        }

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, value ?? string.Empty) is not null;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException)
        {
            return false;
        }
    }
}
