using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Leads.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the API.</summary>
public sealed class LeadsDbContextFactory : IDesignTimeDbContextFactory<LeadsDbContext>
{
    public LeadsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LeadsDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=leads_design;Username=postgres")
            .Options);
}
