using Leads.Application.Common.Interfaces;
using Leads.Domain.Categories;
using Leads.Domain.Leads;
using Leads.Domain.Teams;
using Leads.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence;

public sealed class LeadsDbContext(DbContextOptions<LeadsDbContext> options) : DbContext(options), IUnitOfWork
{
    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<LeadCategory> Categories => Set<LeadCategory>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<User> Users => Set<User>();

    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();

    Task IUnitOfWork.SaveChangesAsync(CancellationToken cancellationToken) => SaveChangesAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LeadsDbContext).Assembly);
}
