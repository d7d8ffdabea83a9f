using Leads.Application.Admin.Models;
using Leads.Application.Caching;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Admin.Commands.InvalidateCache;

/// <summary>
/// Runs the bulk invalidation, then has the hottest keys this instance knows reloaded (after the bump or removal,
/// through the normal load path, so nothing older than the invalidation is stored).
/// </summary>
public sealed class InvalidateCacheCommandHandler(ICacheStore cache, ICurrentUser currentUser, IHotKeyWarmer warmer)
    : ICommandHandler<InvalidateCacheCommand, CacheInvalidationResult>
{
    public async ValueTask<CacheInvalidationResult> Handle(InvalidateCacheCommand command, CancellationToken cancellationToken)
    {
        currentUser.RequireAdmin();
        if (command.Tag is not null)
        {
            // A tag bump makes every dependent entry stale at once; they expire from Redis on their own TTL.
            // A bump that could not reach Redis is deferred and the cache bypassed until then: nothing to warm.
            var applied = await cache.InvalidateTagsAsync([command.Tag], cancellationToken);
            return new CacheInvalidationResult("tag", 0, [command.Tag], applied ? await warmer.WarmAsync(cancellationToken) : 0);
        }

        CacheLevel? level = command.Namespace switch
        {
            "api" => CacheLevel.Api,
            "db" => CacheLevel.Db,
            _ => null,
        };
        var pattern = command.All ? "*" : command.Pattern ?? "*";
        var removed = await cache.RemoveByPatternAsync(level, pattern, cancellationToken);
        var mode = command.All ? "all" : command.Pattern is null ? "namespace" : "pattern";
        return new CacheInvalidationResult(mode, removed, [], await warmer.WarmAsync(cancellationToken));
    }
}
