using Leads.Api.Contracts;
using Leads.Application.Auth.Commands.IssueToken;
using Leads.Application.Auth.Models;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Leads.Api.Controllers;

[ApiController]
[Route("api/auth")]
public sealed class AuthController(IMediator mediator) : ControllerBase
{
    /// <summary>Exchanges a username and password for a bearer token.</summary>
    [HttpPost("token")]
    [AllowAnonymous]
    [ProducesResponseType<TokenDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    public async Task<TokenDto> IssueToken(TokenRequest request, CancellationToken cancellationToken) =>
        await mediator.Send(new IssueTokenCommand(request.Username ?? string.Empty, request.Password ?? string.Empty), cancellationToken);
}
