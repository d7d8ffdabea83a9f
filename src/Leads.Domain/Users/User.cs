using Leads.Domain.Common;

namespace Leads.Domain.Users;

public sealed class User : AggregateRoot
{
    private readonly List<TeamMembership> _memberships = [];

    private User()
    {
        UserName = PasswordHash = string.Empty;
    }

    public string UserName { get; private set; }

    public string PasswordHash { get; private set; }

    public UserRole Role { get; private set; }

    public bool IsActive { get; private set; }

    public IReadOnlyCollection<TeamMembership> Memberships => _memberships;

    public static User Create(string userName, string passwordHash, UserRole role, IEnumerable<Guid> teamIds, Guid? id = null)
    {
        var user = new User { Id = id ?? Guid.CreateVersion7(), UserName = userName, PasswordHash = passwordHash, Role = role, IsActive = true };
        foreach (var teamId in teamIds.Distinct())
        {
            user._memberships.Add(new TeamMembership(user.Id, teamId));
        }

        return user;
    }

    public void ChangeRole(UserRole role)
    {
        Role = role;
        Raise(new UserAccessChanged(Id));
    }

    public void SetTeams(IEnumerable<Guid> teamIds)
    {
        _memberships.Clear();
        foreach (var teamId in teamIds.Distinct())
        {
            _memberships.Add(new TeamMembership(Id, teamId));
        }

        Raise(new UserAccessChanged(Id));
    }

    public void Deactivate()
    {
        IsActive = false;
        Raise(new UserAccessChanged(Id));
    }

    public void Activate()
    {
        IsActive = true;
        Raise(new UserAccessChanged(Id));
    }
}
