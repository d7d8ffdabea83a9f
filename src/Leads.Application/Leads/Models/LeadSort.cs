namespace Leads.Application.Leads.Models;

/// <summary>The sort orders the list accepts; a leading '-' means descending.</summary>
public static class LeadSort
{
    public const string Default = "-createdAt";

    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "company", "createdAt", "updatedAt", "estimatedValue", "score", "status",
    };

    public static bool IsValid(string? sort) =>
        sort is null || Fields.Contains(sort.StartsWith('-') ? sort[1..] : sort);
}
