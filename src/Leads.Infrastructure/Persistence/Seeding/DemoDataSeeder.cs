using Leads.Application.Security;
using Leads.Domain.Categories;
using Leads.Domain.Leads;
using Leads.Domain.Teams;
using Leads.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence.Seeding;

/// <summary>
/// Deterministic demo data for an empty database: three teams, eight categories, the development accounts
/// and <c>leadCount</c> leads generated from a fixed seed (the same database on every machine).
/// </summary>
public sealed class DemoDataSeeder(LeadsDbContext db, IPasswordHasher hasher)
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] FirstNames = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger", "Radia", "Tim", "Katherine", "John", "Hedy", "Niklaus"];
    private static readonly string[] LastNames = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Johnson", "Backus", "Lamarr", "Wirth"];
    private static readonly string[] Companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Tyrell", "Soylent", "Cyberdyne", "Wonka", "Vandelay"];
    private static readonly string[] Sources = ["Website", "Referral", "Event", "Partner", "Cold call", "Advertising"];

    /// <summary>Seeds when there are no users yet; returns false when the database already holds data.</summary>
    public async Task<bool> SeedAsync(int leadCount, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        db.Teams.AddRange(Team.Create("Team A", DemoData.TeamA), Team.Create("Team B", DemoData.TeamB), Team.Create("Team C", DemoData.TeamC));
        foreach (var (id, name) in DemoData.Categories)
        {
            db.Categories.Add(Discard(LeadCategory.Create(name, $"{name} accounts", Epoch, id)));
        }

        db.Users.AddRange(
            User.Create(DemoData.AdminName, hasher.Hash(DemoData.AdminPassword), UserRole.Admin, [], DemoData.AdminUser),
            User.Create(DemoData.SalesAName, hasher.Hash(DemoData.SalesAPassword), UserRole.Member, [DemoData.TeamA], DemoData.SalesAUser),
            User.Create(DemoData.SalesBName, hasher.Hash(DemoData.SalesBPassword), UserRole.Member, [DemoData.TeamB], DemoData.SalesBUser));
        await db.SaveChangesAsync(cancellationToken);

        var random = new Random(20261126);
        Guid[] teams = [DemoData.TeamA, DemoData.TeamB, DemoData.TeamC];
        Guid?[] owners = [DemoData.SalesAUser, DemoData.SalesBUser, null];
        var statuses = Enum.GetValues<LeadStatus>();
        for (var i = 0; i < leadCount; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var company = Companies[random.Next(Companies.Length)];
            var teamIndex = random.Next(teams.Length);
            var created = Epoch.AddMinutes(random.Next(0, 60 * 24 * 300));
            var idBytes = new byte[16];
            random.NextBytes(idBytes);
            var details = new LeadDetails(
                $"{first} {last}",
                $"{first}.{last}{i}@{company.Replace(" ", string.Empty, StringComparison.Ordinal)}.example".ToLowerInvariant(),
                company,
                $"+1 555 {random.Next(1000, 9999)}",
                Sources[random.Next(Sources.Length)],
                DemoData.Categories[random.Next(DemoData.Categories.Count)].Id,
                random.Next(1, 500) * 100m,
                random.Next(0, 101),
                i % 7 == 0 ? "Asked for a call back next quarter." : null);
            var lead = Discard(Lead.Create(details, teams[teamIndex], owners[teamIndex], created, new Guid(idBytes)));
            lead.SeedStatus(statuses[random.Next(statuses.Length)]);
            db.Leads.Add(lead);
            if (i % 2000 == 1999)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    // Seeding is not a business change: its events would only invalidate an empty cache.
    private static T Discard<T>(T aggregate)
        where T : Domain.Common.AggregateRoot
    {
        aggregate.DequeueDomainEvents();
        return aggregate;
    }
}
