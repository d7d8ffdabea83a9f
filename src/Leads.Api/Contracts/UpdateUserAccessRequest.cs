using System.ComponentModel.DataAnnotations;
using Leads.Domain.Users;

namespace Leads.Api.Contracts;

/// <summary>
/// Body of PUT /api/admin/users/{id}/access. Role and active flag are nullable only so that leaving one out is
/// refused (400) instead of silently demoting the user to Member or deactivating them.
/// </summary>
public sealed record UpdateUserAccessRequest([Required] UserRole? Role, IReadOnlyList<Guid> TeamIds, [Required] bool? IsActive);
