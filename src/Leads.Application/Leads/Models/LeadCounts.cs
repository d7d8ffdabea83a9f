namespace Leads.Application.Leads.Models;

/// <summary>Raw aggregates behind the summary, read by one grouped query (a "count query" of the database cache).</summary>
public sealed record LeadCounts(IReadOnlyList<LeadCountRow> Rows);
