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
    ICacheStore cache,
    ICachePolicyProvider policies,
    ICurrentUser currentUser,
    ICacheTrace trace,
    ICachedPayloadSink payloads) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ICacheableQuery<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var policy = policies.Get(message.CachePolicy);
        if (!policy.Enabled)
        {
            trace.Record(policy.Level, policy.Name, CacheOutcome.Bypass);
            return await next(message, cancellationToken);
        }

        VisibilityScope? scope = message.VariesByCaller ? currentUser.RequireAccess().Scope : null;
        var key = new CacheKey(policy.Level, policy.Name, scope?.PartitionKey ?? CacheKey.SharedPartition, message.CacheKey);
        var options = new CacheEntryOptions(policy, message.GetCacheTags(scope));

        var result = await cache.GetOrCreateAsync(key, options, ct => next(message, ct), cancellationToken);
        trace.Record(policy.Level, policy.Name, result.Outcome, stored: result.Outcome == CacheOutcome.Miss && result.Payload is not null);
        if (result.Payload is not null)
        {
            payloads.Offer(result.Payload);
        }

        return result.Value!;
    }
}
