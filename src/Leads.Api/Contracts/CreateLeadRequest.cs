using System.ComponentModel.DataAnnotations;

namespace Leads.Api.Contracts;

/// <summary>
/// Body of POST /api/leads. <see cref="EstimatedValue"/> and <see cref="Score"/> are nullable only so that a
/// missing value is refused (400) instead of being read as 0.
/// </summary>
public sealed record CreateLeadRequest(
    string Name,
    string Email,
    string Company,
    string? Phone,
    string Source,
    Guid CategoryId,
    [Required] decimal? EstimatedValue,
    [Required] int? Score,
    string? Notes,
    Guid? TeamId,
    Guid? OwnerUserId);
