using Leads.Application.Security;
using Mediator;

namespace Leads.Application.Caching;

/// <summary>
/// A query whose answer the service-level cache keeps. Declaring it is all a query needs:
/// <see cref="Behaviors.CachingBehavior{TMessage,TResponse}"/> serves hits and stores misses, and the
/// tags it declares are what domain events invalidate.
/// </summary>
public interface ICacheableQuery<TResponse> : IQuery<TResponse>
{
    /// <summary>Policy name under <c>Caching:Policies</c> (duration, on/off).</summary>
    string CachePolicy { get; }

    /// <summary>What identifies the answer besides the caller's scope; build it with <see cref="CacheKey.Parts"/>.</summary>
    string CacheKey { get; }

    /// <summary>
    /// Whether the answer depends on who asks. When true (the default) the key is partitioned by the
    /// caller's <see cref="VisibilityScope"/> and the query needs an authenticated caller.
    /// </summary>
    bool VariesByCaller => true;

    /// <summary>Tags the answer depends on; <paramref name="scope"/> is null when the answer does not vary by caller.</summary>
    IReadOnlyList<string> GetCacheTags(VisibilityScope? scope);
}
