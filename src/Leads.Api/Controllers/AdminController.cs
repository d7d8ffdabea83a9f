using Leads.Api.Contracts;
using Leads.Api.RateLimiting;
using Leads.Api.Security;
using Leads.Application.Admin.Commands.InvalidateCache;
using Leads.Application.Admin.Queries.GetCacheStats;
using Leads.Application.Admin.Queries.GetCacheTimeline;
using Leads.Application.Admin.Models;
using Leads.Application.Security;
using Leads.Application.Users.Commands.UpdateUserAccess;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Leads.Api.Controllers;

[ApiController]
[Authorize(Policy = AuthenticationSetup.AdminPolicy)]
[Route("api/admin")]
public sealed class AdminController(IMediator mediator) : ControllerBase
{
    /// <summary>
    /// Bulk cache invalidation. Exactly one of: <c>all=true</c>; <c>tag=…</c> (every level, O(1));
    /// <c>namespace=api|db</c> and/or <c>pattern=…</c> ('*' is the only wildcard; SCAN on every primary).
    /// </summary>
    [HttpDelete("cache")]
    [EnableRateLimiting(RateLimitPolicies.CacheInvalidation)]
    [ProducesResponseType<CacheInvalidationResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    public async Task<CacheInvalidationResult> InvalidateCache(
        [FromQuery(Name = "namespace")] string? cacheNamespace,
        [FromQuery] string? tag,
        [FromQuery] string? pattern,
        [FromQuery] bool all,
        CancellationToken cancellationToken) =>
        await mediator.Send(new InvalidateCacheCommand(cacheNamespace, tag, pattern, all), cancellationToken);

    /// <summary>Cache statistics of the answering instance: hit ratios per level and policy, hottest keys, L1 size, Redis memory, pending invalidations.</summary>
    [HttpGet("cache/stats")]
    [ProducesResponseType<CacheStatsDto>(StatusCodes.Status200OK)]
    public async Task<CacheStatsDto> CacheStats([FromQuery] int hotKeys = 20, CancellationToken cancellationToken = default) =>
        await mediator.Send(new GetCacheStatsQuery(hotKeys), cancellationToken);

    /// <summary>
    /// The dashboard's data from the answering instance (named in the answer): hit ratios per level and tier,
    /// requests per second, Redis memory and evictions, L1 size, pending invalidations and the Redis circuit over
    /// time, and the hottest keys per level and time bucket.
    /// </summary>
    [HttpGet("cache/timeline")]
    [ProducesResponseType<CacheTimelineDto>(StatusCodes.Status200OK)]
    public async Task<CacheTimelineDto> CacheTimeline([FromQuery] int hotKeys = 10, CancellationToken cancellationToken = default) =>
        await mediator.Send(new GetCacheTimelineQuery(hotKeys), cancellationToken);

    /// <summary>Changes a user's role, teams and active flag; takes effect on the user's next request.</summary>
    [HttpPut("users/{id:guid}/access")]
    [ProducesResponseType<UserAccess>(StatusCodes.Status200OK)]
    public async Task<UserAccess> UpdateUserAccess(Guid id, UpdateUserAccessRequest request, CancellationToken cancellationToken) =>
        await mediator.Send(new UpdateUserAccessCommand(id, request.Role!.Value, request.TeamIds ?? [], request.IsActive!.Value), cancellationToken);
}
