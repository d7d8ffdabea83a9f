namespace Leads.IntegrationTests.Caching;

/// <summary>A host with the whole service level (API responses) switched off; the database level stays on.</summary>
public sealed class ApiLevelOffFactory : CachingApiFactory
{
    public ApiLevelOffFactory() => Settings["Caching:ApiLevelEnabled"] = "false";
}
