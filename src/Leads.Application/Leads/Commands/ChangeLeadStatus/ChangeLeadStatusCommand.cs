using Leads.Application.Common.Behaviors;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;

namespace Leads.Application.Leads.Commands.ChangeLeadStatus;

public sealed record ChangeLeadStatusCommand(Guid Id, LeadStatus Status, long? ExpectedVersion) : IVersionedCommand<LeadDto>;
