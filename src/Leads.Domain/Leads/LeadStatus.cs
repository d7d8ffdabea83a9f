namespace Leads.Domain.Leads;

public enum LeadStatus
{
    New = 0,
    Contacted = 1,
    Qualified = 2,
    Proposal = 3,
    Won = 4,
    Lost = 5,
}
