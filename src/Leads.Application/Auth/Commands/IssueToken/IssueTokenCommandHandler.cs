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

        // Same answer and the same cost for unknown user, wrong password and deactivated account: the password is
        // always checked (an unknown user against a dummy hash), so neither the answer nor its timing tells them apart.
        var matches = hasher.Verify(command.Password, user?.PasswordHash ?? hasher.DummyHash);
        if (user is null || !user.IsActive || !matches)
        {
            throw new UnauthorizedException("Invalid username or password.");
        }

        if (hasher.NeedsRehash(user.PasswordHash))
        {
            await credentials.UpdatePasswordHashAsync(user.UserId, hasher.Hash(command.Password), cancellationToken);
        }

        return issuer.Issue(user.UserId, user.UserName);
    }
}
