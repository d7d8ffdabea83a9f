using Leads.Domain.Users;

namespace Leads.Application.Users;

public interface IUserRepository
{
    Task<User?> FindAsync(Guid id, CancellationToken cancellationToken);
}
