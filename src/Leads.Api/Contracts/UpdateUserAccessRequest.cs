using Leads.Domain.Users;

namespace Leads.Api.Contracts;

public sealed record UpdateUserAccessRequest(UserRole Role, IReadOnlyList<Guid> TeamIds, bool IsActive);
