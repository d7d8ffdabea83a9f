namespace Leads.Application.StaticConfig.Models;

public sealed record StaticConfigDto(
    string ApplicationName,
    string Version,
    IReadOnlyList<string> LeadStatuses,
    IReadOnlyList<string> LeadSources,
    IReadOnlyList<string> SortFields,
    int DefaultPageSize,
    int MaxPageSize);
