using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Mediator;

namespace Leads.Application.Leads.Commands.ChangeLeadStatus;

public sealed record ChangeLeadStatusCommand(Guid Id, LeadStatus Status, long? ExpectedVersion) : ICommand<LeadDto>;
