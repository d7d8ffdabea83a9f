using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>A host (own database and key prefix) whose configuration declares the policy of <see cref="TestTeamLeadCountQuery"/>.</summary>
public sealed class TestQueryApiFactory : LeadsApiFactory
{
    public TestQueryApiFactory()
    {
        Settings[$"Caching:Policies:{TestTeamLeadCountQuery.Policy}:Duration"] = "00:05:00";
    }
}
