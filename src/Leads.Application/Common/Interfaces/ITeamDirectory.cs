namespace Leads.Application.Common.Interfaces;

public interface ITeamDirectory
{
    Task<bool> ExistsAsync(Guid teamId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Guid>> ListIdsAsync(CancellationToken cancellationToken);
}
