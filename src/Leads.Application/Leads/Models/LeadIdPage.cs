namespace Leads.Application.Leads.Models;

/// <summary>
/// What the service level caches for a list page: the ordered lead ids and the total, not the bodies. Bodies come
/// from the per-lead entries, so an edit that does not move a lead in or out of a list (or within its order)
/// refreshes every page showing it without invalidating any page.
/// </summary>
public sealed record LeadIdPage(IReadOnlyList<Guid> Ids, int TotalCount);
