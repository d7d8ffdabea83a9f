using Leads.Application.Security;

namespace Leads.UnitTests.Caching;

/// <summary>Cache answers are partitioned by scope: equal scopes must share a partition, different scopes must never.</summary>
public sealed class VisibilityScopeTests
{
    private static readonly Guid TeamA = new("0a000000-0000-7000-8000-00000000000a");
    private static readonly Guid TeamB = new("0b000000-0000-7000-8000-00000000000b");
    private static readonly Guid TeamC = new("0c000000-0000-7000-8000-00000000000c");

    [Fact]
    public void The_same_teams_in_any_order_give_the_same_partition_key()
    {
        var ab = VisibilityScope.ForTeams([TeamA, TeamB, TeamC]);
        var ba = VisibilityScope.ForTeams([TeamC, TeamB, TeamA]);

        ba.PartitionKey.Should().Be(ab.PartitionKey);
        ba.TeamIds.Should().Equal(ab.TeamIds);
    }

    [Fact]
    public void Duplicate_teams_do_not_change_the_partition_key()
    {
        VisibilityScope.ForTeams([TeamA, TeamA, TeamB]).PartitionKey.Should().Be(VisibilityScope.ForTeams([TeamB, TeamA]).PartitionKey);
    }

    [Fact]
    public void Different_team_sets_give_different_partition_keys()
    {
        string[] keys =
        [
            VisibilityScope.ForTeams([TeamA]).PartitionKey,
            VisibilityScope.ForTeams([TeamB]).PartitionKey,
            VisibilityScope.ForTeams([TeamA, TeamB]).PartitionKey,
            VisibilityScope.ForTeams([TeamA, TeamB, TeamC]).PartitionKey,
            VisibilityScope.ForTeams([]).PartitionKey,
            VisibilityScope.Admin.PartitionKey,
        ];

        keys.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Admin_and_team_scopes_never_share_a_partition()
    {
        VisibilityScope.Admin.PartitionKey.Should().Be("admin");
        VisibilityScope.ForTeams([TeamA]).PartitionKey.Should().StartWith("teams-").And.NotBe(VisibilityScope.Admin.PartitionKey);
    }

    [Fact]
    public void Partition_keys_are_stable_across_instances_and_safe_in_a_cache_key()
    {
        var key = VisibilityScope.ForTeams([TeamA, TeamB]).PartitionKey;

        VisibilityScope.ForTeams([TeamA, TeamB]).PartitionKey.Should().Be(key);
        key.Should().MatchRegex("^teams-[0-9a-f]+$");
        key.Should().NotContain(TeamA.ToString("N"), "team ids are hashed, not listed");
    }

    [Fact]
    public void Admin_sees_every_team_and_a_member_only_their_own()
    {
        var member = VisibilityScope.ForTeams([TeamA]);

        VisibilityScope.Admin.CanSee(TeamC).Should().BeTrue();
        member.CanSee(TeamA).Should().BeTrue();
        member.CanSee(TeamB).Should().BeFalse();
        VisibilityScope.ForTeams([]).CanSee(TeamA).Should().BeFalse();
    }
}
