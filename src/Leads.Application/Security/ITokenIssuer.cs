using Leads.Application.Auth.Models;

namespace Leads.Application.Security;

public interface ITokenIssuer
{
    TokenDto Issue(Guid userId, string userName);
}
