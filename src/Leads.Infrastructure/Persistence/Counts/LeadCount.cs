using Leads.Domain.Leads;

namespace Leads.Infrastructure.Persistence.Counts;

/// <summary>
/// One row of <c>lead_counts</c>: how many leads of a team are in a status and category, and their value.
/// Written only by the triggers on <c>leads</c>, in the transaction of the write that changed the leads, so it is
/// exactly as current as the leads a reader sees; the application only reads it (summaries, list totals).
/// Rows that reach zero stay (a team has few status/category pairs), so readers skip counts of zero.
/// </summary>
public sealed class LeadCount
{
    private LeadCount()
    {
    }

    public Guid TeamId { get; private set; }

    public LeadStatus Status { get; private set; }

    public Guid CategoryId { get; private set; }

    public int Count { get; private set; }

    public decimal Value { get; private set; }
}
