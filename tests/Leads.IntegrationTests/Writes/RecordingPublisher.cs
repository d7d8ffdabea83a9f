using Leads.Domain.Common;
using Mediator;

namespace Leads.IntegrationTests.Writes;

/// <summary>Stands between the domain-event dispatch and the mediator and notes each event it passes on.</summary>
public sealed class RecordingPublisher(IMediator inner, PublishedEvents published) : IPublisher
{
    public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification
    {
        Record(notification);
        return inner.Publish(notification, cancellationToken);
    }

    public ValueTask Publish(object notification, CancellationToken cancellationToken = default)
    {
        Record(notification);
        return inner.Publish(notification, cancellationToken);
    }

    private void Record(object notification)
    {
        if (notification is IDomainEvent domainEvent)
        {
            published.Add(domainEvent);
        }
    }
}
