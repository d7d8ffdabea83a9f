namespace Leads.Domain.Leads;

/// <summary>The editable fields of a lead, validated by the application layer before they reach the aggregate.</summary>
public sealed record LeadDetails(
    string Name,
    string Email,
    string Company,
    string? Phone,
    string Source,
    Guid CategoryId,
    decimal EstimatedValue,
    int Score,
    string? Notes);
