using Leads.Api.Contracts;
using Leads.Api.RateLimiting;
using Leads.Application.Auth.Commands.IssueToken;
using Leads.Application.Auth.Models;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Leads.Api.Controllers;

[ApiController]
[Route("api/auth")]
public sealed class AuthController(IMediator mediator) : ControllerBase
{
    /// <summary>
    /// Exchanges a username and password for a bearer token. Limited per client address and per user name
    /// (<c>RateLimiting:TokenPerClient</c>, <c>RateLimiting:TokenPerUserName</c>): beyond the limit, 429 with Retry-After.
    /// </summary>
    [HttpPost("token")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitPolicies.TokenPerClient)]
    [ServiceFilter<TokenPerUserNameFilter>]
    [ProducesResponseType<TokenDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    public async Task<TokenDto> IssueToken(TokenRequest request, CancellationToken cancellationToken) =>
        await mediator.Send(new IssueTokenCommand(request.Username ?? string.Empty, request.Password ?? string.Empty), cancellationToken);
}
