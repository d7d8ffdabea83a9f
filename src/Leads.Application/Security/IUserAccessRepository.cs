namespace Leads.Application.Security;

/// <summary>Reads authorization data; the infrastructure wraps it in the query cache (1 min by default).</summary>
public interface IUserAccessRepository
{
    Task<UserAccess?> GetAsync(Guid userId, CancellationToken cancellationToken);
}
