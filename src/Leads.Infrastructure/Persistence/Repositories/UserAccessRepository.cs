using Leads.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence.Repositories;

public sealed class UserAccessRepository(LeadsDbContext db) : IUserAccessRepository, IUserCredentialStore
{
    public async Task<UserAccess?> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.Role, u.IsActive, Teams = u.Memberships.Select(m => m.TeamId).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return user is null ? null : new UserAccess(user.Id, user.UserName, user.Role, user.IsActive, user.Teams.Order().ToArray());
    }

    public Task<UserCredentials?> FindByUserNameAsync(string userName, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => u.UserName == userName)
            .Select(u => new UserCredentials(u.Id, u.UserName, u.PasswordHash, u.IsActive))
            .FirstOrDefaultAsync(cancellationToken);

    public Task UpdatePasswordHashAsync(Guid userId, string passwordHash, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, passwordHash), cancellationToken);
}
