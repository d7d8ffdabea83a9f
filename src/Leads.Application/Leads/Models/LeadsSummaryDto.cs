namespace Leads.Application.Leads.Models;

public sealed record LeadsSummaryDto(
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<CategoryCountDto> ByCategory,
    decimal TotalValue,
    decimal WonValue,
    double ConversionRate);
