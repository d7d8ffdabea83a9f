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

    Task<IReadOnlyList<LeadDto>> ListAsync(LeadFilter filter, VisibilityScope scope, string sort, int skip, int take, CancellationToken cancellationToken);

    Task<int> CountAsync(LeadFilter filter, VisibilityScope scope, CancellationToken cancellationToken);

    Task<LeadCounts> GetCountsAsync(VisibilityScope scope, CancellationToken cancellationToken);
}
