using Leads.Api.Http;
using Leads.Application.StaticConfig.Models;
using Leads.Application.StaticConfig.Queries.GetStaticConfig;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Leads.Api.Controllers;

[ApiController]
[Route("api/static")]
public sealed class StaticConfigController(IMediator mediator, IOptions<HttpCachingOptions> httpCaching) : ControllerBase
{
    /// <summary>Static configuration for clients; public and cacheable by browsers and CDNs (1 hour by default).</summary>
    [HttpGet("config")]
    [HttpHead("config")]
    [AllowAnonymous]
    [ProducesResponseType<StaticConfigDto>(StatusCodes.Status200OK)]
    public async Task<IResult> Get(CancellationToken cancellationToken) =>
        new CachedJsonResult<StaticConfigDto>(
            await mediator.Send(new GetStaticConfigQuery(), cancellationToken),
            HttpCacheProfile.Public(httpCaching.Value.StaticConfig));
}
