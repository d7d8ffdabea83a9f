using Leads.Application.Admin.Models;
using Leads.Application.Caching;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Admin.Commands.InvalidateCache;

public sealed class InvalidateCacheCommandHandler(ICacheStore cache, ICurrentUser currentUser)
    : ICommandHandler<InvalidateCacheCommand, CacheInvalidationResult>
{
    public async ValueTask<CacheInvalidationResult> Handle(InvalidateCacheCommand command, CancellationToken cancellationToken)
    {
        currentUser.RequireAdmin();
        if (command.Tag is not null)
        {
            // A tag bump makes every dependent entry stale at once; they expire from Redis on their own TTL.
            await cache.InvalidateTagsAsync([command.Tag], cancellationToken);
            return new CacheInvalidationResult("tag", 0, [command.Tag]);
        }

        CacheLevel? level = command.Namespace switch
        {
            "api" => CacheLevel.Api,
            "db" => CacheLevel.Db,
            _ => null,
        };
        var pattern = command.All ? "*" : command.Pattern ?? "*";
        var removed = await cache.RemoveByPatternAsync(level, pattern, cancellationToken);
        return new CacheInvalidationResult(command.All ? "all" : command.Pattern is null ? "namespace" : "pattern", removed, []);
    }
}
