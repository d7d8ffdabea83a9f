namespace Leads.Api.Contracts;

/// <summary>Body of PUT /api/leads/{id}. <see cref="Version"/> is optional: when given it must be the current version (409 otherwise).</summary>
public sealed record UpdateLeadRequest(
    string Name,
    string Email,
    string Company,
    string? Phone,
    string Source,
    Guid CategoryId,
    decimal EstimatedValue,
    int Score,
    string? Notes,
    Guid? TeamId,
    Guid? OwnerUserId,
    long? Version);
