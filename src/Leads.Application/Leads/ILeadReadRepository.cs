using Leads.Application.Leads.Models;
using Leads.Application.Security;

namespace Leads.Application.Leads;

/// <summary>
/// Lead reads. The infrastructure wraps the lookups by id and the count queries in the database-level
/// query cache; handlers do not know whether an answer came from Redis or Postgres.
/// </summary>
public interface ILeadReadRepository
{
    Task<LeadDto?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the lead exists and <paramref name="scope"/> may see it, never answered from an entry another scope
    /// could have filled: its cost and answer are the same for a lead of another team, however recently that team
    /// read it, as for an id that never existed.
    /// </summary>
    Task<bool> IsVisibleAsync(Guid id, VisibilityScope scope, CancellationToken cancellationToken);

    /// <summary>The leads with these ids, in the order asked; ids that no longer exist are left out.</summary>
    Task<IReadOnlyList<LeadDto>> GetManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The ids of one page of the filtered, sorted list (bodies come from <see cref="GetManyAsync"/>).</summary>
    Task<IReadOnlyList<Guid>> ListIdsAsync(LeadFilter filter, VisibilityScope scope, string sort, int skip, int take, CancellationToken cancellationToken);

    Task<int> CountAsync(LeadFilter filter, VisibilityScope scope, CancellationToken cancellationToken);

    Task<LeadCounts> GetCountsAsync(VisibilityScope scope, CancellationToken cancellationToken);
}
