using Leads.Application.Common.Behaviors;
using Leads.Application.Leads.Models;

namespace Leads.Application.Leads.Commands.UpdateLead;

/// <summary>Replaces the editable fields of a lead. <paramref name="ExpectedVersion"/>, when given, must be the current version.</summary>
public sealed record UpdateLeadCommand(
    Guid Id,
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
    long? ExpectedVersion) : IVersionedCommand<LeadDto>, ILeadFields;
