namespace Leads.Application.Security;

public sealed record UserCredentials(Guid UserId, string UserName, string PasswordHash, bool IsActive);
