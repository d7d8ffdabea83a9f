using Leads.Application.Users;
using Leads.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence.Repositories;

public sealed class UserRepository(LeadsDbContext db) : IUserRepository
{
    public Task<User?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.Include(u => u.Memberships).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
}
