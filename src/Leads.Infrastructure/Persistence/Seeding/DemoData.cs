namespace Leads.Infrastructure.Persistence.Seeding;

/// <summary>Well-known ids and development credentials of the demo data (also used by the tests).</summary>
public static class DemoData
{
    public static readonly Guid TeamA = new("0a000000-0000-7000-8000-00000000000a");
    public static readonly Guid TeamB = new("0b000000-0000-7000-8000-00000000000b");
    public static readonly Guid TeamC = new("0c000000-0000-7000-8000-00000000000c");

    public static readonly Guid AdminUser = new("1a000000-0000-7000-8000-000000000001");
    public static readonly Guid SalesAUser = new("1b000000-0000-7000-8000-000000000002");
    public static readonly Guid SalesBUser = new("1c000000-0000-7000-8000-000000000003");

    public const string AdminName = "admin";
    public const string AdminPassword = "admin-dev-password";
    public const string SalesAName = "sales-a";
    public const string SalesAPassword = "sales-a-dev-password";
    public const string SalesBName = "sales-b";
    public const string SalesBPassword = "sales-b-dev-password";

    public static readonly IReadOnlyList<(Guid Id, string Name)> Categories =
    [
        (new Guid("2a000000-0000-7000-8000-000000000001"), "Enterprise"),
        (new Guid("2a000000-0000-7000-8000-000000000002"), "Mid-market"),
        (new Guid("2a000000-0000-7000-8000-000000000003"), "Small business"),
        (new Guid("2a000000-0000-7000-8000-000000000004"), "Startup"),
        (new Guid("2a000000-0000-7000-8000-000000000005"), "Public sector"),
        (new Guid("2a000000-0000-7000-8000-000000000006"), "Education"),
        (new Guid("2a000000-0000-7000-8000-000000000007"), "Healthcare"),
        (new Guid("2a000000-0000-7000-8000-000000000008"), "Partner"),
    ];
}
