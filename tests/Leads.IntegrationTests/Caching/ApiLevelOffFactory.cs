using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

/// <summary>A host with the whole service level (API responses) switched off; the database level stays on.</summary>
public sealed class ApiLevelOffFactory : LeadsApiFactory
{
    public ApiLevelOffFactory() => Settings["Caching:ApiLevelEnabled"] = "false";
}
