using Leads.Domain.Leads;

namespace Leads.Application.Leads.Models;

public sealed record LeadDto
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Email { get; init; }

    public required string Company { get; init; }

    public string? Phone { get; init; }

    public LeadStatus Status { get; init; }

    public required string Source { get; init; }

    public Guid CategoryId { get; init; }

    public string CategoryName { get; init; } = string.Empty;

    public Guid TeamId { get; init; }

    public Guid? OwnerUserId { get; init; }

    public decimal EstimatedValue { get; init; }

    public int Score { get; init; }

    public string? Notes { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long Version { get; init; }
}
