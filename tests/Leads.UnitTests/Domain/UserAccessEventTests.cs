using Leads.Domain.Users;

namespace Leads.UnitTests.Domain;

/// <summary>Every change to what a user may do raises UserAccessChanged, which drops their cached authorization data.</summary>
public sealed class UserAccessEventTests
{
    private static readonly Guid TeamA = Guid.NewGuid();
    private static readonly Guid TeamB = Guid.NewGuid();

    [Fact]
    public void Create_makes_an_active_user_with_distinct_memberships_and_no_event()
    {
        var user = User.Create("sales", "hash", UserRole.Member, [TeamA, TeamB, TeamA]);

        user.IsActive.Should().BeTrue();
        user.Memberships.Select(m => m.TeamId).Should().BeEquivalentTo([TeamA, TeamB]);
        user.Memberships.Should().OnlyContain(m => m.UserId == user.Id);
        user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void ChangeRole_raises_UserAccessChanged()
    {
        var user = NewMember();

        user.ChangeRole(UserRole.Admin);

        user.Role.Should().Be(UserRole.Admin);
        user.DomainEvents.Should().ContainSingle().Which.Should().Be(new UserAccessChanged(user.Id));
    }

    [Fact]
    public void SetTeams_replaces_the_memberships_and_raises_UserAccessChanged()
    {
        var user = NewMember();

        user.SetTeams([TeamB, TeamB]);

        user.Memberships.Select(m => m.TeamId).Should().Equal(TeamB);
        user.DomainEvents.Should().ContainSingle().Which.Should().Be(new UserAccessChanged(user.Id));
    }

    [Fact]
    public void Deactivate_and_Activate_each_raise_UserAccessChanged()
    {
        var user = NewMember();

        user.Deactivate();
        user.IsActive.Should().BeFalse();
        user.Activate();
        user.IsActive.Should().BeTrue();

        user.DomainEvents.Should().Equal(new UserAccessChanged(user.Id), new UserAccessChanged(user.Id));
    }

    private static User NewMember() => User.Create("sales", "hash", UserRole.Member, [TeamA]);
}
