using Leads.Domain.Common;

namespace Leads.Domain.Categories;

public sealed class LeadCategory : AggregateRoot
{
    private LeadCategory()
    {
        Name = string.Empty;
    }

    public string Name { get; private set; }

    public string? Description { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static LeadCategory Create(string name, string? description, DateTimeOffset now, Guid? id = null)
    {
        var category = new LeadCategory { Id = id ?? Guid.CreateVersion7(now), Name = name, Description = description, UpdatedAt = now };
        category.Raise(new CategoryChanged(category.Id));
        return category;
    }

    public void Rename(string name, string? description, DateTimeOffset now)
    {
        Name = name;
        Description = description;
        UpdatedAt = now;
        Raise(new CategoryChanged(Id));
    }

    public void MarkDeleted() => Raise(new CategoryChanged(Id));
}
