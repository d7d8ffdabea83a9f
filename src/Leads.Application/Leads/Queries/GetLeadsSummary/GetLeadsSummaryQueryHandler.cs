using Leads.Application.Categories;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Domain.Leads;
using Mediator;

namespace Leads.Application.Leads.Queries.GetLeadsSummary;

public sealed class GetLeadsSummaryQueryHandler(ILeadReadRepository leads, CachedCategoryList categories, ICurrentUser currentUser)
    : IQueryHandler<GetLeadsSummaryQuery, LeadsSummaryDto>
{
    public async ValueTask<LeadsSummaryDto> Handle(GetLeadsSummaryQuery query, CancellationToken cancellationToken)
    {
        var scope = currentUser.RequireAccess().Scope;
        var counts = await leads.GetCountsAsync(scope, cancellationToken);
        var names = (await categories.ListAsync(cancellationToken)).ToDictionary(c => c.Id, c => c.Name);

        var byStatus = Enum.GetValues<LeadStatus>().ToDictionary(s => s.ToString(), s => counts.Rows.Where(r => r.Status == s).Sum(r => r.Count));
        var byCategory = counts.Rows
            .GroupBy(r => r.CategoryId)
            .Select(g => new CategoryCountDto(g.Key, names.GetValueOrDefault(g.Key, string.Empty), g.Sum(r => r.Count)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.CategoryName, StringComparer.Ordinal)
            .ToArray();

        var total = counts.Rows.Sum(r => r.Count);
        var won = byStatus[nameof(LeadStatus.Won)];
        var lost = byStatus[nameof(LeadStatus.Lost)];

        // Conversion rate: won among the leads that reached a decision (won or lost).
        var conversion = won + lost == 0 ? 0d : Math.Round((double)won / (won + lost), 4);
        return new LeadsSummaryDto(
            total,
            byStatus,
            byCategory,
            counts.Rows.Sum(r => r.Value),
            counts.Rows.Where(r => r.Status == LeadStatus.Won).Sum(r => r.Value),
            conversion);
    }
}
