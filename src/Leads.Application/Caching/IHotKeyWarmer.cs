namespace Leads.Application.Caching;

/// <summary>Reloads the hottest keys this instance knows, after a bulk invalidation, through the normal load path.</summary>
public interface IHotKeyWarmer
{
    /// <summary>Returns the number of service-level entries the reload stored (0 when warming is switched off).</summary>
    ValueTask<int> WarmAsync(CancellationToken cancellationToken);
}
