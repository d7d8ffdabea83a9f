namespace Leads.Application.Caching;

/// <summary>
/// The tags cached answers depend on. Queries declare them, domain-event handlers bump them; a bump
/// makes every entry stamped with the old generation of the tag a miss, on every level, in O(1).
/// </summary>
public static class CacheTags
{
    /// <summary>Any change to any lead. Reads that depend on everything about all leads use it; list pages, counts
    /// and summaries use the finer <see cref="LeadSetTags"/> instead.</summary>
    public const string AllLeads = "leads";

    /// <summary>The category list and everything that shows category names.</summary>
    public const string Categories = "categories";

    /// <summary>Static configuration served to anonymous clients.</summary>
    public const string StaticConfig = "static-config";

    public static string Lead(Guid leadId) => "lead:" + leadId.ToString("N");

    /// <summary>Any change to one team's leads (see <see cref="AllLeads"/>).</summary>
    public static string TeamLeads(Guid teamId) => "team-leads:" + teamId.ToString("N");

    /// <summary>Which team a lead is in, and whether it exists: bumped when it is deleted or moves to another team.</summary>
    public static string LeadMembership(Guid leadId) => "lead-team:" + leadId.ToString("N");

    public static string User(Guid userId) => "user:" + userId.ToString("N");

    /// <summary>The "any change" tags of the set of leads this scope can see.</summary>
    public static IReadOnlyList<string> LeadSet(Security.VisibilityScope scope) =>
        scope.IsAdmin ? [AllLeads] : scope.TeamIds.Select(TeamLeads).ToArray();

    /// <summary>The tags bumped when a lead of <paramref name="teamId"/> changes.</summary>
    public static IEnumerable<string> LeadChanged(Guid leadId, Guid teamId)
    {
        yield return Lead(leadId);
        yield return TeamLeads(teamId);
        yield return AllLeads;
    }
}
