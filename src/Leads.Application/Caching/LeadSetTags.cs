using Leads.Application.Security;
using Leads.Domain.Leads;

namespace Leads.Application.Caching;

/// <summary>
/// Fine-grained tags of reads over a set of leads (list pages, counts, summaries), so a write invalidates only
/// the reads whose answer it can change. A partition is one team, or <c>all</c> for admin-scope reads; each
/// partition has facets:
/// <list type="bullet">
/// <item><c>members</c>: which leads belong to it (creation, deletion, a team move); every set read depends on it;</item>
/// <item><c>{field}</c>: any change of that field (a sort or search reads it; e.g. <c>name</c>, <c>updatedAt</c>);</item>
/// <item><c>status={S}</c> / <c>category={C}</c>: which leads have that value; a read filtered on it depends on
/// this instead of the whole field.</item>
/// </list>
/// Reads say what they read (<see cref="For"/>, next to the query); the invalidation handler turns a change into
/// tags with <see cref="Changed"/>. Both use the same names, so nothing else has to know which query reads what.
/// </summary>
public static class LeadSetTags
{
    private const string AdminPartition = "all";

    /// <summary>The tags a read of <paramref name="scope"/>'s leads depends on, given the fields it reads and the values it filters on.</summary>
    public static IReadOnlyList<string> For(VisibilityScope scope, LeadFields reads, LeadStatus? status = null, Guid? categoryId = null)
    {
        var tags = new List<string>();
        foreach (var partition in Partitions(scope))
        {
            tags.Add(Tag(partition, "members"));
            foreach (var field in Each(reads))
            {
                tags.Add(field switch
                {
                    LeadFields.Status when status is { } s => Tag(partition, "status=" + s),
                    LeadFields.Category when categoryId is { } c => Tag(partition, "category=" + c.ToString("N")),
                    _ => Tag(partition, Facet(field)),
                });
            }
        }

        return tags;
    }

    /// <summary>The tags a committed change of one lead bumps.</summary>
    /// <param name="teamId">The lead's team after the change.</param>
    /// <param name="previousTeamId">Its team before, when the change moved it.</param>
    /// <param name="membership">The lead appeared in or left its team (creation, deletion, team move).</param>
    /// <param name="changed">The fields whose value changed.</param>
    /// <param name="statuses">Statuses it left or entered (both ends of a status change).</param>
    /// <param name="categories">Categories it left or entered.</param>
    public static IReadOnlyList<string> Changed(
        Guid teamId,
        Guid? previousTeamId,
        bool membership,
        LeadFields changed,
        IReadOnlyCollection<LeadStatus> statuses,
        IReadOnlyCollection<Guid> categories)
    {
        var tags = new List<string>();
        var teams = previousTeamId is { } previous && previous != teamId ? new[] { TeamPartition(teamId), TeamPartition(previous) } : [TeamPartition(teamId)];
        foreach (var partition in teams.Append(AdminPartition))
        {
            // A team move changes the members of both teams, not of the whole set.
            if (membership && (partition != AdminPartition || previousTeamId is null))
            {
                tags.Add(Tag(partition, "members"));
            }

            foreach (var field in Each(changed))
            {
                tags.Add(Tag(partition, Facet(field)));
            }

            tags.AddRange(statuses.Select(s => Tag(partition, "status=" + s)));
            tags.AddRange(categories.Select(c => Tag(partition, "category=" + c.ToString("N"))));
        }

        return tags;
    }

    /// <summary>The fields a list ordered by <paramref name="sort"/> (see <see cref="Models.LeadSort"/>) reads to order it.</summary>
    public static LeadFields SortedBy(string sort) => (sort.StartsWith('-') ? sort[1..] : sort) switch
    {
        "name" => LeadFields.Name,
        "company" => LeadFields.Company,
        "updatedAt" => LeadFields.UpdatedAt,
        "estimatedValue" => LeadFields.EstimatedValue,
        "score" => LeadFields.Score,
        "status" => LeadFields.Status,

        // createdAt never changes: membership covers it.
        _ => LeadFields.None,
    };

    /// <summary>The fields a text search compares (see the read repository's filter).</summary>
    public const LeadFields Searched = LeadFields.Name | LeadFields.Company | LeadFields.Email;

    private static IEnumerable<string> Partitions(VisibilityScope scope) =>
        scope.IsAdmin ? [AdminPartition] : scope.TeamIds.Select(TeamPartition);

    private static string TeamPartition(Guid teamId) => teamId.ToString("N");

    private static string Tag(string partition, string facet) => string.Concat("leads:", partition, ":", facet);

    private static string Facet(LeadFields field) => field switch
    {
        LeadFields.Name => "name",
        LeadFields.Email => "email",
        LeadFields.Company => "company",
        LeadFields.Phone => "phone",
        LeadFields.Source => "source",
        LeadFields.Category => "category",
        LeadFields.EstimatedValue => "estimatedValue",
        LeadFields.Score => "score",
        LeadFields.Notes => "notes",
        LeadFields.Team => "team",
        LeadFields.Owner => "owner",
        LeadFields.Status => "status",
        LeadFields.UpdatedAt => "updatedAt",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "One field at a time."),
    };

    private static IEnumerable<LeadFields> Each(LeadFields fields)
    {
        foreach (var field in Enum.GetValues<LeadFields>())
        {
            if (field != LeadFields.None && fields.HasFlag(field))
            {
                yield return field;
            }
        }
    }
}
