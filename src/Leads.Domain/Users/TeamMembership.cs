namespace Leads.Domain.Users;

public sealed class TeamMembership(Guid userId, Guid teamId)
{
    public Guid UserId { get; private set; } = userId;

    public Guid TeamId { get; private set; } = teamId;
}
