using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Persistence.Seeding;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// The consistency check for a category-filtered list after category changes: a hot lead moved to
/// <see cref="Category"/> must appear on that category's page, and one moved away must leave it, for every read that
/// started after the move was acknowledged. A lead whose category write was in flight at any moment of the read may
/// be either listed or not (<see cref="FieldTimeline{T}.CertainDuring"/>).
/// </summary>
public sealed class CategoryReads
{
    /// <summary>The category the hot leads move in and out of (and the other one they move to).</summary>
    public static readonly Guid Category = DemoData.Categories[0].Id;

    public static readonly Guid OtherCategory = DemoData.Categories[1].Id;

    public static readonly string Page = $"/api/leads?categoryId={Category}&pageSize=100";

    private readonly List<(long Started, long Ended, Dictionary<int, long> Listed)> _observations = [];

    public int Count => _observations.Count;

    /// <summary>Records a read of <see cref="Page"/>: which hot leads it listed, at which version.</summary>
    public void PageRead(long started, long ended, PagedResult<LeadDto> page, IReadOnlyDictionary<Guid, int> indexOf)
    {
        var listed = new Dictionary<int, long>();
        foreach (var lead in page.Items)
        {
            if (indexOf.TryGetValue(lead.Id, out var index))
            {
                listed[index] = lead.Version;
            }
        }

        _observations.Add((started, ended, listed));
    }

    /// <summary>Every observation that contradicts a category write acknowledged before it started.</summary>
    public IEnumerable<StaleRead> Stale(IReadOnlyList<FieldTimeline<Guid>> leads)
    {
        foreach (var (started, ended, listed) in _observations)
        {
            for (var i = 0; i < leads.Count; i++)
            {
                if (leads[i].CertainDuring(started, ended) is not { } known || (known.Value == Category) == listed.ContainsKey(i))
                {
                    continue;
                }

                // Seen version 0: the page did not list the lead.
                yield return new StaleRead(leads[i].Id, "category list", listed.GetValueOrDefault(i), known.Version, FieldTimeline<Guid>.SinceAcknowledged(known.At, started), started);
            }
        }
    }
}
