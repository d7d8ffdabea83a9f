using Leads.Application.Common.Exceptions;
using Leads.Application.Common.Interfaces;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Users.Commands.UpdateUserAccess;

public sealed class UpdateUserAccessCommandHandler(IUserRepository users, ITeamDirectory teams, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : ICommandHandler<UpdateUserAccessCommand, UserAccess>
{
    public async ValueTask<UserAccess> Handle(UpdateUserAccessCommand command, CancellationToken cancellationToken)
    {
        currentUser.RequireAdmin();
        var user = await users.FindAsync(command.UserId, cancellationToken) ?? throw new NotFoundException("User", command.UserId);
        foreach (var teamId in command.TeamIds)
        {
            if (!await teams.ExistsAsync(teamId, cancellationToken))
            {
                throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("TeamIds", $"Team '{teamId}' does not exist.")]);
            }
        }

        if (user.Role != command.Role)
        {
            user.ChangeRole(command.Role);
        }

        user.SetTeams(command.TeamIds);
        if (user.IsActive != command.IsActive)
        {
            if (command.IsActive)
            {
                user.Activate();
            }
            else
            {
                user.Deactivate();
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new UserAccess(user.Id, user.UserName, user.Role, user.IsActive, user.Memberships.Select(m => m.TeamId).Order().ToArray());
    }
}
