using Leads.Application.Leads;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Counts;
using Microsoft.EntityFrameworkCore;

namespace Leads.Infrastructure.Persistence.Repositories;

/// <summary>Lead reads straight from Postgres (no tracking, projected to DTOs). Wrapped by <see cref="Caching.CachedLeadReadRepository"/>.</summary>
public sealed class LeadReadRepository(LeadsDbContext db) : ILeadReadRepository
{
    public Task<LeadDto?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        Project(db.Leads.AsNoTracking().Where(l => l.Id == id)).FirstOrDefaultAsync(cancellationToken);

    public Task<bool> IsVisibleAsync(Guid id, VisibilityScope scope, CancellationToken cancellationToken)
    {
        var teams = scope.TeamIds.ToArray();
        return db.Leads.AsNoTracking().AnyAsync(l => l.Id == id && (scope.IsAdmin || teams.Contains(l.TeamId)), cancellationToken);
    }

    public async Task<IReadOnlyList<LeadDto>> GetManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var wanted = ids.ToArray();

        // One round trip: WHERE id = ANY(@ids); the order is restored here.
        var found = await Project(db.Leads.AsNoTracking().Where(l => wanted.Contains(l.Id))).ToDictionaryAsync(l => l.Id, cancellationToken);
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToArray();
    }

    public async Task<IReadOnlyList<Guid>> ListIdsAsync(LeadFilter filter, VisibilityScope scope, string sort, int skip, int take, CancellationToken cancellationToken) =>
        await Sort(Filter(db.Leads.AsNoTracking(), filter, scope), sort).Skip(skip).Take(take).Select(l => l.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Without search, the total is a sum over <c>lead_counts</c> (a few rows per team, kept by triggers in each
    /// write's transaction); a search can only be answered by counting the matching leads.
    /// </summary>
    public async Task<int> CountAsync(LeadFilter filter, VisibilityScope scope, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(filter.Search))
        {
            return await Filter(db.Leads.AsNoTracking(), filter, scope).CountAsync(cancellationToken);
        }

        var counts = CountsOf(scope);
        if (filter.Status is { } status)
        {
            counts = counts.Where(c => c.Status == status);
        }

        if (filter.CategoryId is { } categoryId)
        {
            counts = counts.Where(c => c.CategoryId == categoryId);
        }

        return await counts.SumAsync(c => c.Count, cancellationToken);
    }

    /// <summary>The summary's aggregates, read from <c>lead_counts</c> instead of grouping the leads table.</summary>
    public async Task<LeadCounts> GetCountsAsync(VisibilityScope scope, CancellationToken cancellationToken)
    {
        var rows = await CountsOf(scope)
            .GroupBy(c => new { c.Status, c.CategoryId })
            .Select(g => new LeadCountRow(g.Key.Status, g.Key.CategoryId, g.Sum(c => c.Count), g.Sum(c => c.Value)))
            .ToListAsync(cancellationToken);
        return new LeadCounts(rows);
    }

    // Rows that reached zero stay in the table; they are no (status, category) a reader should see.
    private IQueryable<LeadCount> CountsOf(VisibilityScope scope)
    {
        var counts = db.LeadCounts.AsNoTracking().Where(c => c.Count != 0);
        if (!scope.IsAdmin)
        {
            var teams = scope.TeamIds.ToArray();
            counts = counts.Where(c => teams.Contains(c.TeamId));
        }

        return counts;
    }

    private static IQueryable<Lead> Filter(IQueryable<Lead> leads, LeadFilter filter, VisibilityScope scope)
    {
        if (!scope.IsAdmin)
        {
            var teams = scope.TeamIds.ToArray();
            leads = leads.Where(l => teams.Contains(l.TeamId));
        }

        if (filter.Status is { } status)
        {
            leads = leads.Where(l => l.Status == status);
        }

        if (filter.CategoryId is { } categoryId)
        {
            leads = leads.Where(l => l.CategoryId == categoryId);
        }

        if (!string.IsNullOrEmpty(filter.Search))
        {
            var pattern = "%" + EscapeLike(filter.Search) + "%";
            leads = leads.Where(l => EF.Functions.ILike(l.Name, pattern, "\\")
                || EF.Functions.ILike(l.Company, pattern, "\\")
                || EF.Functions.ILike(l.Email, pattern, "\\"));
        }

        return leads;
    }

    private static IQueryable<Lead> Sort(IQueryable<Lead> leads, string sort)
    {
        var descending = sort.StartsWith('-');
        var field = descending ? sort[1..] : sort;
        IOrderedQueryable<Lead> ordered = field switch
        {
            "name" => descending ? leads.OrderByDescending(l => l.Name) : leads.OrderBy(l => l.Name),
            "company" => descending ? leads.OrderByDescending(l => l.Company) : leads.OrderBy(l => l.Company),
            "updatedAt" => descending ? leads.OrderByDescending(l => l.UpdatedAt) : leads.OrderBy(l => l.UpdatedAt),
            "estimatedValue" => descending ? leads.OrderByDescending(l => l.EstimatedValue) : leads.OrderBy(l => l.EstimatedValue),
            "score" => descending ? leads.OrderByDescending(l => l.Score) : leads.OrderBy(l => l.Score),
            "status" => descending ? leads.OrderByDescending(StatusRank) : leads.OrderBy(StatusRank),
            _ => descending ? leads.OrderByDescending(l => l.CreatedAt) : leads.OrderBy(l => l.CreatedAt),
        };

        // The id breaks ties so paging is stable.
        return ordered.ThenBy(l => l.Id);
    }

    // The status column holds names, so ordering by it would be alphabetical; rank by the pipeline instead.
    private static readonly System.Linq.Expressions.Expression<Func<Lead, int>> StatusRank = l =>
        l.Status == LeadStatus.New ? 0
        : l.Status == LeadStatus.Contacted ? 1
        : l.Status == LeadStatus.Qualified ? 2
        : l.Status == LeadStatus.Proposal ? 3
        : l.Status == LeadStatus.Won ? 4
        : 5;

    private IQueryable<LeadDto> Project(IQueryable<Lead> leads) =>
        from l in leads
        join c in db.Categories on l.CategoryId equals c.Id
        select new LeadDto
        {
            Id = l.Id,
            Name = l.Name,
            Email = l.Email,
            Company = l.Company,
            Phone = l.Phone,
            Status = l.Status,
            Source = l.Source,
            CategoryId = l.CategoryId,
            CategoryName = c.Name,
            TeamId = l.TeamId,
            OwnerUserId = l.OwnerUserId,
            EstimatedValue = l.EstimatedValue,
            Score = l.Score,
            Notes = l.Notes,
            CreatedAt = l.CreatedAt,
            UpdatedAt = l.UpdatedAt,
            Version = l.Version,
        };

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
