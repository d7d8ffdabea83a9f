using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// The consistency check for reads whose answer depends on the hot leads' statuses rather than on one lead's
/// version: the page of Lost leads (membership of a filtered list) and the summary (counts by status). A status
/// write is acknowledged when its response has arrived; a read started after that must reflect it. A lead whose
/// status write was in flight at any moment of the read (not acknowledged when the read started, sent before it
/// ended) may show either status, so it constrains nothing; every other hot lead has one certain status.
/// </summary>
public sealed class StatusReads
{
    public const string LostPage = "/api/leads?status=Lost&pageSize=100";
    public const string Summary = "/api/leads/summary";

    private readonly List<Observation> _observations = [];

    public int Count => _observations.Count;

    /// <summary>Records a read of <see cref="LostPage"/>: which hot leads it listed, at which version.</summary>
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

        _observations.Add(new Observation(started, ended, "status list", listed, null));
    }

    /// <summary>Records a read of <see cref="Summary"/> by a caller whose scope holds <paramref name="scope"/>'s leads.</summary>
    public void SummaryRead(long started, long ended, LeadsSummaryDto summary, Scope scope) =>
        _observations.Add(new Observation(started, ended, "summary", null, (scope, summary.ByStatus.GetValueOrDefault(nameof(LeadStatus.Lost)))));

    /// <summary>Every observation that contradicts a status write acknowledged before it started.</summary>
    public IEnumerable<StaleRead> Stale(IReadOnlyList<FieldTimeline<LeadStatus>> leads)
    {
        foreach (var read in _observations)
        {
            var certain = leads.Select(l => l.CertainDuring(read.Started, read.Ended)).ToArray();
            if (certain.All(c => c is null))
            {
                continue;
            }

            if (read.Listed is { } listed)
            {
                for (var i = 0; i < leads.Count; i++)
                {
                    if (certain[i] is not { } known || (known.Value == LeadStatus.Lost) == listed.ContainsKey(i))
                    {
                        continue;
                    }

                    // Seen version 0: the page did not list the lead.
                    yield return new StaleRead(leads[i].Id, read.Source, listed.GetValueOrDefault(i), known.Version, FieldTimeline<LeadStatus>.SinceAcknowledged(known.At, read.Started), read.Started);
                }
            }
            else if (read.LostCount is var (scope, lost))
            {
                var lowest = scope.OtherLost + certain.Count(c => c?.Value == LeadStatus.Lost);
                var highest = lowest + certain.Count(c => c is null);
                if (lost < lowest || lost > highest)
                {
                    // For a summary the "versions" are Lost counts: the one seen and the least one possible.
                    var latest = certain.Where(c => c is not null).MaxBy(c => c!.Value.At)!.Value;
                    yield return new StaleRead(Guid.Empty, read.Source, lost, lowest, FieldTimeline<LeadStatus>.SinceAcknowledged(latest.At, read.Started), read.Started);
                }
            }
        }
    }

    /// <summary>A caller's view: how many Lost leads it sees besides the hot ones (nobody writes those during the check).</summary>
    public sealed record Scope(string Name, int OtherLost);

    private sealed record Observation(long Started, long Ended, string Source, Dictionary<int, long>? Listed, (Scope Scope, int Lost)? LostCount);
}
