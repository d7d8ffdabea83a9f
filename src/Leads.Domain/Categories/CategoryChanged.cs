using Leads.Domain.Common;

namespace Leads.Domain.Categories;

/// <summary>A category was created, renamed or deleted; everything that shows category names depends on it.</summary>
public sealed record CategoryChanged(Guid CategoryId) : IDomainEvent;
