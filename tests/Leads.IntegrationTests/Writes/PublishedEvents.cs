using System.Collections.Concurrent;
using Leads.Domain.Common;

namespace Leads.IntegrationTests.Writes;

/// <summary>Every domain event the API published, in the order the publishes happened.</summary>
public sealed class PublishedEvents
{
    private readonly ConcurrentQueue<IDomainEvent> _events = new();

    public void Add(IDomainEvent domainEvent) => _events.Enqueue(domainEvent);

    public IReadOnlyList<T> Of<T>(Func<T, bool> predicate)
        where T : IDomainEvent => _events.OfType<T>().Where(predicate).ToArray();

    public void Clear() => _events.Clear();
}
