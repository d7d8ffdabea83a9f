using System.ComponentModel.DataAnnotations;

namespace Leads.Api.Contracts;

/// <summary>
/// Body of PUT /api/leads/{id}. <see cref="Version"/> is optional: when given it must be the current version (409
/// otherwise). <see cref="EstimatedValue"/> and <see cref="Score"/> are nullable only so that a missing value is a 400, not 0.
/// </summary>
public sealed record UpdateLeadRequest(
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
    Guid? OwnerUserId,
    long? Version);
