using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Warmup;

/// <summary>A host with cache warming switched on.</summary>
public sealed class WarmedApiFactory : LeadsApiFactory
{
    public WarmedApiFactory()
    {
        Settings["Caching:Warmup:Enabled"] = "true";
    }
}
