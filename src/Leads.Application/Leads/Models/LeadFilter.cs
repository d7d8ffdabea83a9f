using Leads.Application.Caching;
using Leads.Application.Security;
using Leads.Domain.Leads;

namespace Leads.Application.Leads.Models;

/// <summary>Which leads a list or count covers (before paging). Search is a case-insensitive substring of name, company or email.</summary>
public sealed record LeadFilter(LeadStatus? Status, Guid? CategoryId, string? Search)
{
    /// <summary>What the grouped counts behind the summary read: status, category and value of every lead.</summary>
    public const LeadFields GroupedCountReads = LeadFields.Status | LeadFields.Category | LeadFields.EstimatedValue;

    /// <summary>The fields this filter compares.</summary>
    public LeadFields Reads =>
        (Status is null ? LeadFields.None : LeadFields.Status)
        | (CategoryId is null ? LeadFields.None : LeadFields.Category)
        | (string.IsNullOrEmpty(Search) ? LeadFields.None : LeadSetTags.Searched);

    /// <summary>The tags of a read of this filter's leads in <paramref name="scope"/> that also reads <paramref name="alsoReads"/> (a sort).</summary>
    public IReadOnlyList<string> CacheTags(VisibilityScope scope, LeadFields alsoReads = LeadFields.None) =>
        LeadSetTags.For(scope, Reads | alsoReads, Status, CategoryId);
}
