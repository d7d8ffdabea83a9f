using System.Security.Cryptography;
using System.Text;

namespace Leads.Application.Security;

/// <summary>
/// Which leads a caller may see: all of them (admin) or those of a set of teams. Cache keys are
/// partitioned by <see cref="PartitionKey"/>, so an answer cached for one scope is never served to another.
/// </summary>
public sealed class VisibilityScope
{
    private VisibilityScope(bool isAdmin, Guid[] teamIds)
    {
        IsAdmin = isAdmin;
        TeamIds = teamIds;
        PartitionKey = isAdmin ? "admin" : "teams-" + HashTeams(teamIds);
    }

    public bool IsAdmin { get; }

    /// <summary>Sorted, distinct team ids (empty for admins, who see everything).</summary>
    public IReadOnlyList<Guid> TeamIds { get; }

    /// <summary>A short stable string naming this scope; safe to put in a cache key.</summary>
    public string PartitionKey { get; }

    public static VisibilityScope Admin { get; } = new(true, []);

    public static VisibilityScope ForTeams(IEnumerable<Guid> teamIds) => new(false, teamIds.Distinct().Order().ToArray());

    public bool CanSee(Guid teamId) => IsAdmin || TeamIds.Contains(teamId);

    private static string HashTeams(Guid[] teamIds)
    {
        if (teamIds.Length == 0)
        {
            return "none";
        }

        var text = string.Join(',', teamIds.Select(t => t.ToString("N")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }
}
