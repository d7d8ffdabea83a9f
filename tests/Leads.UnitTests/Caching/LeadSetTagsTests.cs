using Leads.Application.Caching;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Domain.Leads;

namespace Leads.UnitTests.Caching;

/// <summary>
/// A write must bump at least one tag of every set read whose answer it can change, and should bump none of the
/// others. Reads and changes are described in the same field terms, so the check is a tag intersection.
/// </summary>
public sealed class LeadSetTagsTests
{
    private static readonly Guid TeamA = Guid.Parse("0a000000-0000-7000-8000-00000000000a");
    private static readonly Guid TeamB = Guid.Parse("0b000000-0000-7000-8000-00000000000b");
    private static readonly Guid CategoryOne = Guid.Parse("2a000000-0000-7000-8000-000000000001");
    private static readonly Guid CategoryTwo = Guid.Parse("2a000000-0000-7000-8000-000000000002");
    private static readonly VisibilityScope MemberOfA = VisibilityScope.ForTeams([TeamA]);

    [Fact]
    public void A_notes_only_edit_affects_no_list_count_or_summary_that_does_not_order_by_update_time()
    {
        var change = LeadSetTags.Changed(TeamA, TeamA, membership: false, LeadFields.Notes | LeadFields.UpdatedAt, [], []);

        foreach (var read in ReadsThatIgnoreNotes(MemberOfA).Concat(ReadsThatIgnoreNotes(VisibilityScope.Admin)))
        {
            read.Intersect(change).Should().BeEmpty();
        }

        Page(MemberOfA, new LeadFilter(null, null, null), "-updatedAt").Intersect(change).Should().NotBeEmpty("that page is ordered by the update time");
    }

    [Fact]
    public void A_status_change_affects_pages_filtered_on_either_status_sorted_by_status_and_the_summary()
    {
        var change = LeadSetTags.Changed(TeamA, null, membership: false, LeadFields.Status | LeadFields.UpdatedAt, [LeadStatus.New, LeadStatus.Contacted], []);

        Page(MemberOfA, new LeadFilter(LeadStatus.New, null, null)).Intersect(change).Should().NotBeEmpty();
        Page(MemberOfA, new LeadFilter(LeadStatus.Contacted, null, null)).Intersect(change).Should().NotBeEmpty();
        Page(MemberOfA, new LeadFilter(null, null, null), "status").Intersect(change).Should().NotBeEmpty();
        Summary(MemberOfA).Intersect(change).Should().NotBeEmpty();
        Summary(VisibilityScope.Admin).Intersect(change).Should().NotBeEmpty();

        Page(MemberOfA, new LeadFilter(LeadStatus.Proposal, null, null)).Intersect(change).Should().BeEmpty();
        Page(MemberOfA, new LeadFilter(null, null, null)).Intersect(change).Should().BeEmpty("newest first does not read the status");
        Page(MemberOfA, new LeadFilter(null, CategoryOne, null)).Intersect(change).Should().BeEmpty();
    }

    [Fact]
    public void A_category_change_affects_pages_filtered_on_either_category_and_the_summary()
    {
        var change = LeadSetTags.Changed(TeamA, TeamA, membership: false, LeadFields.Category | LeadFields.UpdatedAt, [], [CategoryOne, CategoryTwo]);

        Page(MemberOfA, new LeadFilter(null, CategoryOne, null)).Intersect(change).Should().NotBeEmpty();
        Page(MemberOfA, new LeadFilter(null, CategoryTwo, null)).Intersect(change).Should().NotBeEmpty();
        Page(VisibilityScope.Admin, new LeadFilter(null, CategoryTwo, null)).Intersect(change).Should().NotBeEmpty();
        Summary(MemberOfA).Intersect(change).Should().NotBeEmpty();
        Page(MemberOfA, new LeadFilter(LeadStatus.New, null, null)).Intersect(change).Should().BeEmpty();
        Page(MemberOfA, new LeadFilter(null, Guid.NewGuid(), null)).Intersect(change).Should().BeEmpty();
    }

    [Fact]
    public void A_rename_affects_searches_and_pages_sorted_by_name()
    {
        var change = LeadSetTags.Changed(TeamA, TeamA, membership: false, LeadFields.Name | LeadFields.UpdatedAt, [], []);

        Page(MemberOfA, new LeadFilter(null, null, "ada")).Intersect(change).Should().NotBeEmpty();
        Page(MemberOfA, new LeadFilter(null, null, null), "name").Intersect(change).Should().NotBeEmpty();
        Page(MemberOfA, new LeadFilter(null, null, null), "-company").Intersect(change).Should().BeEmpty();
        Summary(MemberOfA).Intersect(change).Should().BeEmpty();
    }

    [Fact]
    public void A_team_move_changes_the_members_of_both_teams_but_not_of_the_admin_set()
    {
        var change = LeadSetTags.Changed(TeamB, TeamA, membership: true, LeadFields.Team | LeadFields.UpdatedAt, [], []);

        Page(MemberOfA, new LeadFilter(null, null, null)).Intersect(change).Should().NotBeEmpty();
        Page(VisibilityScope.ForTeams([TeamB]), new LeadFilter(LeadStatus.Won, null, null)).Intersect(change).Should().NotBeEmpty();
        Page(VisibilityScope.Admin, new LeadFilter(null, null, null)).Intersect(change).Should().BeEmpty("an admin sees both teams");
    }

    [Fact]
    public void Creation_and_deletion_affect_every_set_read_of_the_team_and_of_admins_only()
    {
        var created = LeadSetTags.Changed(TeamA, null, membership: true, LeadFields.None, [], []);

        foreach (var read in ReadsThatIgnoreNotes(MemberOfA).Concat(ReadsThatIgnoreNotes(VisibilityScope.Admin)))
        {
            read.Intersect(created).Should().NotBeEmpty();
        }

        foreach (var read in ReadsThatIgnoreNotes(VisibilityScope.ForTeams([TeamB])))
        {
            read.Intersect(created).Should().BeEmpty();
        }
    }

    [Fact]
    public void Every_sort_the_list_accepts_is_known()
    {
        foreach (var field in LeadSort.Fields)
        {
            var reads = LeadSetTags.SortedBy(field);
            (reads != LeadFields.None || field == "createdAt").Should().BeTrue("sorting by {0} reads a field that can change", field);
        }
    }

    private static IReadOnlyList<string> Page(VisibilityScope scope, LeadFilter filter, string sort = LeadSort.Default) =>
        filter.CacheTags(scope, LeadSetTags.SortedBy(sort));

    private static IReadOnlyList<string> Summary(VisibilityScope scope) => LeadSetTags.For(scope, LeadFilter.GroupedCountReads);

    private static IEnumerable<IReadOnlyList<string>> ReadsThatIgnoreNotes(VisibilityScope scope)
    {
        yield return Page(scope, new LeadFilter(null, null, null));
        yield return Page(scope, new LeadFilter(LeadStatus.New, null, null), "name");
        yield return Page(scope, new LeadFilter(null, CategoryOne, "ada"), "-estimatedValue");
        yield return Page(scope, new LeadFilter(null, null, null), "score");
        yield return Summary(scope);
        yield return new LeadFilter(LeadStatus.Qualified, CategoryTwo, null).CacheTags(scope);
    }
}
