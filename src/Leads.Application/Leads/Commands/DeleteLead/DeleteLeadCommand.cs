using Leads.Application.Common.Behaviors;
using Mediator;

namespace Leads.Application.Leads.Commands.DeleteLead;

public sealed record DeleteLeadCommand(Guid Id, long? ExpectedVersion) : ICommand, IVersionedCommand<Unit>;
