using Leads.Domain.Leads;

namespace Leads.UnitTests.Domain;

/// <summary>Valid leads and lead details for domain tests.</summary>
internal static class LeadFactory
{
    public static readonly Guid TeamA = new("0a000000-0000-7000-8000-00000000000a");
    public static readonly Guid TeamB = new("0b000000-0000-7000-8000-00000000000b");
    public static readonly Guid CategoryOne = new("2a000000-0000-7000-8000-000000000001");
    public static readonly Guid CategoryTwo = new("2a000000-0000-7000-8000-000000000002");

    public static LeadDetails Details(Guid? categoryId = null, string name = "Ada Lovelace") =>
        new(name, "ada@example.com", "Analytical Engines", "+44 20 7946 0000", "Referral", categoryId ?? CategoryOne, 12_500m, 80, "Met at the expo.");

    public static Lead Create(DateTimeOffset now, Guid? teamId = null) => Lead.Create(Details(), teamId ?? TeamA, null, now);
}
