using Leads.Application.Auth.Models;
using Leads.Application.Common.Exceptions;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Auth.Commands.IssueToken;

public sealed class IssueTokenCommandHandler(IUserCredentialStore credentials, IPasswordHasher hasher, ITokenIssuer issuer)
    : ICommandHandler<IssueTokenCommand, TokenDto>
{
    public async ValueTask<TokenDto> Handle(IssueTokenCommand command, CancellationToken cancellationToken)
    {
        var user = await credentials.FindByUserNameAsync(command.Username.Trim(), cancellationToken);

        // Same answer for unknown user, wrong password and deactivated account: nothing to enumerate.
        if (user is null || !user.IsActive || !hasher.Verify(command.Password, user.PasswordHash))
        {
            throw new UnauthorizedException("Invalid username or password.");
        }

        return issuer.Issue(user.UserId, user.UserName);
    }
}
