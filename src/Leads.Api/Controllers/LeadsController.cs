using Leads.Api.Contracts;
using Leads.Api.Http;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Commands.ChangeLeadStatus;
using Leads.Application.Leads.Commands.CreateLead;
using Leads.Application.Leads.Commands.DeleteLead;
using Leads.Application.Leads.Commands.UpdateLead;
using Leads.Application.Leads.Models;
using Leads.Application.Leads.Queries.GetLeadById;
using Leads.Application.Leads.Queries.GetLeads;
using Leads.Application.Leads.Queries.GetLeadsSummary;
using Leads.Domain.Leads;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Leads.Api.Controllers;

/// <summary>
/// Leads of the caller's teams (all leads for admins). Reads are per-user: private, revalidated with ETags.
/// Only the writes need <see cref="LeadWritePreconditions"/>, so only they take it: a read does not build it.
/// The reads take the request's abort token from <c>HttpContext.RequestAborted</c> rather than as a parameter:
/// MVC binds a <c>CancellationToken</c> parameter through a model binder and records it in the validation
/// state, which showed in a cached hit's profile (docs/benchmarks.md, "Cost of a cached hit").
/// </summary>
[ApiController]
[Authorize]
[Route("api/leads")]
public sealed class LeadsController(IMediator mediator) : ControllerBase
{
    [HttpGet]
    [HttpHead]
    [ProducesResponseType<PagedResult<LeadDto>>(StatusCodes.Status200OK)]
    public async Task<IResult> List(
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = GetLeadsQuery.DefaultPageSize,
        [FromQuery] LeadStatus? status = null,
        [FromQuery] Guid? categoryId = null,
        [FromQuery] string? search = null,
        [FromQuery] string? sort = null) =>
        new CachedJsonResult<PagedResult<LeadDto>>(
            await mediator.Send(new GetLeadsQuery(page, pageSize, status, categoryId, search, sort), HttpContext.RequestAborted),
            HttpCacheProfile.PerUser);

    [HttpGet("summary")]
    [HttpHead("summary")]
    [ProducesResponseType<LeadsSummaryDto>(StatusCodes.Status200OK)]
    public async Task<IResult> Summary() =>
        new CachedJsonResult<LeadsSummaryDto>(await mediator.Send(new GetLeadsSummaryQuery(), HttpContext.RequestAborted), HttpCacheProfile.PerUser);

    [HttpGet("{id:guid}")]
    [HttpHead("{id:guid}")]
    [ProducesResponseType<LeadDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IResult> Get(Guid id) =>
        new CachedJsonResult<LeadDto>(await mediator.Send(new GetLeadByIdQuery(id), HttpContext.RequestAborted), HttpCacheProfile.PerUser);

    [HttpPost]
    [ProducesResponseType<LeadDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IResult> Create(CreateLeadRequest request, CancellationToken cancellationToken)
    {
        var lead = await mediator.Send(
            new CreateLeadCommand(
                request.Name, request.Email, request.Company, request.Phone, request.Source, request.CategoryId,
                request.EstimatedValue!.Value, request.Score!.Value, request.Notes, request.TeamId, request.OwnerUserId),
            cancellationToken);
        Response.Headers.ETag = EntityTags.For(lead);
        return TypedResults.Created($"/api/leads/{lead.Id}", lead);
    }

    /// <summary>Replaces a lead. Send <c>If-Match</c> with the ETag you hold (412 when it is outdated) or <c>version</c> in the body (409).</summary>
    [HttpPut("{id:guid}")]
    [ProducesResponseType<LeadDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed)]
    public async Task<IResult> Update(Guid id, UpdateLeadRequest request, [FromServices] LeadWritePreconditions preconditions, CancellationToken cancellationToken)
    {
        var lead = await preconditions.WriteAsync(id, PreconditionHeaders.Of(Request), request.Version, (version, ct) => mediator.Send(
            new UpdateLeadCommand(
                id, request.Name, request.Email, request.Company, request.Phone, request.Source, request.CategoryId,
                request.EstimatedValue!.Value, request.Score!.Value, request.Notes, request.TeamId, request.OwnerUserId, version),
            ct), cancellationToken);
        return Written(lead);
    }

    [HttpPatch("{id:guid}/status")]
    [ProducesResponseType<LeadDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed)]
    public async Task<IResult> ChangeStatus(Guid id, ChangeLeadStatusRequest request, [FromServices] LeadWritePreconditions preconditions, CancellationToken cancellationToken)
    {
        var lead = await preconditions.WriteAsync(id, PreconditionHeaders.Of(Request), request.Version, (version, ct) =>
            mediator.Send(new ChangeLeadStatusCommand(id, request.Status!.Value, version), ct), cancellationToken);
        return Written(lead);
    }

    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed)]
    public async Task<IResult> Delete(Guid id, [FromQuery] long? version, [FromServices] LeadWritePreconditions preconditions, CancellationToken cancellationToken)
    {
        await preconditions.WriteAsync(id, PreconditionHeaders.Of(Request), version, (expected, ct) =>
            mediator.Send(new DeleteLeadCommand(id, expected), ct), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The answer to a successful write carries the new entity tag, for the next write's If-Match.</summary>
    private IResult Written(LeadDto lead)
    {
        Response.Headers.ETag = EntityTags.For(lead);
        return TypedResults.Ok(lead);
    }
}
