using Leads.Application.Common.Exceptions;
using Leads.Domain.Users;

namespace Leads.Application.Security;

public static class CurrentUserExtensions
{
    public static UserAccess RequireAdmin(this ICurrentUser currentUser)
    {
        var access = currentUser.RequireAccess();
        return access.Role == UserRole.Admin ? access : throw new ForbiddenAccessException("This action needs the Admin role.");
    }
}
