using Leads.Domain.Common;

namespace Leads.Domain.Leads;

public sealed class InvalidStatusTransitionException(LeadStatus from, LeadStatus to)
    : DomainException($"A lead cannot move from {from} to {to}.")
{
    public LeadStatus From { get; } = from;

    public LeadStatus To { get; } = to;
}
