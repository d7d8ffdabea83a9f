using Leads.Application.Common.Exceptions;
using Leads.Application.Common.Interfaces;
using Leads.Domain.Categories;
using Leads.Domain.Leads;
using Leads.Domain.Teams;
using Leads.Domain.Users;
using Leads.Infrastructure.Persistence.Counts;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence;

public sealed class LeadsDbContext(DbContextOptions<LeadsDbContext> options) : DbContext(options), IUnitOfWork
{
    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<LeadCategory> Categories => Set<LeadCategory>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<User> Users => Set<User>();

    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();

    /// <summary>Maintained by triggers on <c>leads</c>; read-only for the application.</summary>
    public DbSet<LeadCount> LeadCounts => Set<LeadCount>();

    async Task IUnitOfWork.SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException conflict) when (conflict.Entries.Count > 0)
        {
            var described = await DescribeAsync(conflict, cancellationToken);
            if (described is null)
            {
                throw;
            }

            throw described;
        }
        catch (DbUpdateException violation) when (ConstraintViolations.Describe(violation) is { } conflict)
        {
            throw conflict;
        }
    }

    /// <summary>
    /// True once changes were discarded (a save lost a race): from then on this unit of work reads rows from the
    /// database, not cached copies, which may be what lost the race.
    /// </summary>
    public bool ReadsCurrentRows { get; private set; }

    // Events of the discarded entities were either dequeued by a failed save (and dropped by the dispatch
    // interceptor) or are still on the entities, which go with the tracker: nothing of the attempt is published.
    void IUnitOfWork.DiscardChanges()
    {
        ChangeTracker.Clear();
        ReadsCurrentRows = true;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LeadsDbContext).Assembly);

    /// <summary>
    /// Turns EF's "0 rows affected" into the application's answer: the row moved on (its version is read so the
    /// caller learns it) or is gone. Entities without a version token keep EF's exception.
    /// </summary>
    private static async Task<Exception?> DescribeAsync(DbUpdateConcurrencyException conflict, CancellationToken cancellationToken)
    {
        var entry = conflict.Entries[0];
        var token = entry.Metadata.GetProperties().FirstOrDefault(p => p.IsConcurrencyToken);
        var key = entry.Metadata.FindPrimaryKey()?.Properties is [var keyProperty] ? entry.CurrentValues[keyProperty] : null;
        if (token is null || key is null)
        {
            return null;
        }

        var resource = entry.Metadata.ClrType.Name;
        var current = await entry.GetDatabaseValuesAsync(cancellationToken);
        return current is null
            ? new NotFoundException(resource, key)
            : new ConcurrencyConflictException(resource, key, Convert.ToInt64(current[token], System.Globalization.CultureInfo.InvariantCulture));
    }
}
