using Leads.Domain.Leads;

namespace Leads.Application.Leads.Commands;

/// <summary>The editable lead fields carried by create and update commands.</summary>
public interface ILeadFields
{
    string Name { get; }

    string Email { get; }

    string Company { get; }

    string? Phone { get; }

    string Source { get; }

    Guid CategoryId { get; }

    decimal EstimatedValue { get; }

    int Score { get; }

    string? Notes { get; }

    Guid? TeamId { get; }

    Guid? OwnerUserId { get; }
}
