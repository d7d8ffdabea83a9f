using Leads.Domain.Common;

namespace Leads.Domain.Teams;

public sealed class Team : AggregateRoot
{
    private Team()
    {
        Name = string.Empty;
    }

    public string Name { get; private set; }

    public static Team Create(string name, Guid? id = null) => new() { Id = id ?? Guid.CreateVersion7(), Name = name };
}
