using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;

namespace Leads.Benchmarks;

/// <summary>Representative payloads: one lead (~0.5 KB of JSON) and a page of 100 leads (~50 KB).</summary>
public static class BenchmarkData
{
    public static string Redis => Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:56379";

    public static LeadDto Lead(int i) => new()
    {
        Id = new Guid(i, 0, 0, new byte[8]),
        Name = $"Ada Lovelace {i}",
        Email = $"ada.lovelace{i}@acme.example",
        Company = "Acme",
        Phone = "+1 555 0100",
        Status = (LeadStatus)(i % 6),
        Source = "Referral",
        CategoryId = Guid.Empty,
        CategoryName = "Enterprise",
        TeamId = Guid.Empty,
        EstimatedValue = 1234.5m + i,
        Score = i % 100,
        Notes = i % 3 == 0 ? "Asked for a call back next quarter." : null,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        UpdatedAt = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        Version = 1,
    };

    public static PagedResult<LeadDto> Page(int size) => new(Enumerable.Range(0, size).Select(Lead).ToArray(), 1, size, 10_000);
}
