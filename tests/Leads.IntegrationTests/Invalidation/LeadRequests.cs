using Leads.Api.Contracts;
using Leads.Domain.Leads;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>Request bodies built from a lead as it is stored, so a test changes only what it means to change.</summary>
public static class LeadRequests
{
    public static UpdateLeadRequest Update(Lead lead, long? version = null) => new(
        lead.Name, lead.Email, lead.Company, lead.Phone, lead.Source, lead.CategoryId, lead.EstimatedValue, lead.Score, lead.Notes,
        lead.TeamId, lead.OwnerUserId, version);

    public static object Create(Guid categoryId, string name, Guid? teamId = null) => new
    {
        name,
        email = "new.lead@example.com",
        company = "Invalidation Ltd",
        phone = "+1 555 0100",
        source = "Website",
        categoryId,
        estimatedValue = 1234m,
        score = 42,
        notes = (string?)null,
        teamId,
        ownerUserId = (Guid?)null,
    };
}
