using Leads.Application.Security;
using Leads.Domain.Users;

namespace Leads.UnitTests.Security;

/// <summary>The caller's scope is computed once per authorization-data instance, and never outlives what it was computed from.</summary>
public sealed class UserAccessScopeTests
{
    private static readonly Guid TeamA = new("0a000000-0000-7000-8000-00000000000a");
    private static readonly Guid TeamB = new("0b000000-0000-7000-8000-00000000000b");

    [Fact]
    public void The_scope_is_computed_once_per_instance()
    {
        var access = new UserAccess(Guid.NewGuid(), "sales-a", UserRole.Member, true, [TeamA]);

        access.Scope.Should().BeSameAs(access.Scope);
        access.Scope.PartitionKey.Should().Be(VisibilityScope.ForTeams([TeamA]).PartitionKey);
    }

    [Fact]
    public void A_copy_with_other_teams_or_another_role_gets_its_own_scope()
    {
        var member = new UserAccess(Guid.NewGuid(), "sales-a", UserRole.Member, true, [TeamA]);
        _ = member.Scope;

        var moved = member with { TeamIds = [TeamB] };
        var promoted = member with { Role = UserRole.Admin };

        moved.Scope.PartitionKey.Should().Be(VisibilityScope.ForTeams([TeamB]).PartitionKey);
        promoted.Scope.Should().BeSameAs(VisibilityScope.Admin);
        member.Scope.CanSee(TeamB).Should().BeFalse();
    }

    [Fact]
    public void Equality_is_that_of_the_fields_whether_or_not_the_scope_was_read()
    {
        var teams = new[] { TeamA };
        var id = Guid.NewGuid();
        var read = new UserAccess(id, "sales-a", UserRole.Member, true, teams);
        var unread = new UserAccess(id, "sales-a", UserRole.Member, true, teams);
        _ = read.Scope;

        read.Should().Be(unread);
        read.GetHashCode().Should().Be(unread.GetHashCode());
        read.Should().NotBe(unread with { IsActive = false });
    }
}
