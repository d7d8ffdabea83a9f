namespace Leads.IntegrationTests.Caching;

/// <summary>A host whose lead-by-id policies are switched off by configuration, on both levels (LeadById, LeadRecord).</summary>
public sealed class LeadCachePoliciesOffFactory : CachingApiFactory
{
    public LeadCachePoliciesOffFactory()
    {
        Settings["Caching:Policies:LeadById:Enabled"] = "false";
        Settings["Caching:Policies:LeadRecord:Enabled"] = "false";
        Settings["Caching:Policies:LeadVisibility:Enabled"] = "false";
    }
}
