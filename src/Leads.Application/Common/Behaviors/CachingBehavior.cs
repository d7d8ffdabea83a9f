using Leads.Application.Caching;
using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Common.Behaviors;

/// <summary>
/// The service-level cache: serves <see cref="ICacheableQuery{TResponse}"/> answers from the cache and stores
/// misses. The generic constraint (not an <c>is</c> check) makes the source generator attach it to cacheable
/// queries only. Exceptions (validation, not found, failures) propagate and are never cached.
/// </summary>
public sealed class CachingBehavior<TMessage, TResponse>(
    CachedCall cachedCall,
    ICurrentUser currentUser,
    ICachedPayloadSink payloads,
    IHotQueries hotQueries) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ICacheableQuery<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var policy = cachedCall.Policy(message.CachePolicy);

        // A switched-off policy needs neither the caller's scope nor tags: the handler does its own checks.
        VisibilityScope? scope = policy.Enabled && message.VariesByCaller ? currentUser.RequireAccess().Scope : null;
        var partition = scope?.PartitionKey ?? CacheKey.SharedPartition;
        var result = await cachedCall.RunAsync(
            policy,
            partition,
            message.CacheKey,
            policy.Enabled ? message.GetCacheTags(scope) : [],
            ct => next(message, ct),
            cancellationToken);
        if (result.Payload is not null)
        {
            payloads.Offer(result.Payload);
        }

        if (policy.Enabled)
        {
            hotQueries.Offer(policy, partition, message.CacheKey, message, scope);
        }

        return result.Value!;
    }
}
