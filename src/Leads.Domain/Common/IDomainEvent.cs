using Mediator;

namespace Leads.Domain.Common;

/// <summary>
/// Something that happened to an aggregate. Events are published only after the transaction that
/// recorded them has committed, because cache invalidation hangs on them (see docs/decisions).
/// </summary>
public interface IDomainEvent : INotification;
