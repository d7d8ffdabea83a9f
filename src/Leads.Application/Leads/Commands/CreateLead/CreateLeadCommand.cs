using Leads.Application.Leads.Models;
using Mediator;

namespace Leads.Application.Leads.Commands.CreateLead;

public sealed record CreateLeadCommand(
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
    Guid? OwnerUserId) : ICommand<LeadDto>, ILeadFields;
