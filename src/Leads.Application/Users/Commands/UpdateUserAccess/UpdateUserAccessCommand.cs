using Leads.Application.Security;
using Leads.Domain.Users;
using Mediator;

namespace Leads.Application.Users.Commands.UpdateUserAccess;

/// <summary>Changes a user's role, teams and active flag (admin only); cached authorization data is invalidated at commit.</summary>
public sealed record UpdateUserAccessCommand(Guid UserId, UserRole Role, IReadOnlyList<Guid> TeamIds, bool IsActive) : ICommand<UserAccess>;
