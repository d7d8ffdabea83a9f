using Leads.Api.Contracts;
using Leads.Api.Http;
using Leads.Application.Caching;
using Leads.Application.Common.Exceptions;
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

/// <summary>Leads of the caller's teams (all leads for admins). Reads are per-user: private, revalidated with ETags.</summary>
[ApiController]
[Authorize]
[Route("api/leads")]
public sealed class LeadsController(IMediator mediator, ResponsePayload response) : ControllerBase
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
        [FromQuery] string? sort = null,
        CancellationToken cancellationToken = default) =>
        new CachedJsonResult<PagedResult<LeadDto>>(
            await mediator.Send(new GetLeadsQuery(page, pageSize, status, categoryId, search, sort), cancellationToken),
            HttpCacheProfile.PerUser);

    [HttpGet("summary")]
    [HttpHead("summary")]
    [ProducesResponseType<LeadsSummaryDto>(StatusCodes.Status200OK)]
    public async Task<IResult> Summary(CancellationToken cancellationToken) =>
        new CachedJsonResult<LeadsSummaryDto>(await mediator.Send(new GetLeadsSummaryQuery(), cancellationToken), HttpCacheProfile.PerUser);

    [HttpGet("{id:guid}")]
    [HttpHead("{id:guid}")]
    [ProducesResponseType<LeadDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IResult> Get(Guid id, CancellationToken cancellationToken) =>
        new CachedJsonResult<LeadDto>(await mediator.Send(new GetLeadByIdQuery(id), cancellationToken), HttpCacheProfile.PerUser);

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
    public async Task<IResult> Update(Guid id, UpdateLeadRequest request, CancellationToken cancellationToken)
    {
        var expected = await ExpectedVersionAsync(id, request.Version, cancellationToken);
        return await WriteAsync(id, new UpdateLeadCommand(
            id, request.Name, request.Email, request.Company, request.Phone, request.Source, request.CategoryId,
            request.EstimatedValue!.Value, request.Score!.Value, request.Notes, request.TeamId, request.OwnerUserId, expected.Version), expected.FromPrecondition, cancellationToken);
    }

    [HttpPatch("{id:guid}/status")]
    [ProducesResponseType<LeadDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IResult> ChangeStatus(Guid id, ChangeLeadStatusRequest request, CancellationToken cancellationToken)
    {
        var expected = await ExpectedVersionAsync(id, request.Version, cancellationToken);
        return await WriteAsync(id, new ChangeLeadStatusCommand(id, request.Status!.Value, expected.Version), expected.FromPrecondition, cancellationToken);
    }

    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IResult> Delete(Guid id, [FromQuery] long? version, CancellationToken cancellationToken)
    {
        var expected = await ExpectedVersionAsync(id, version, cancellationToken);
        try
        {
            await mediator.Send(new DeleteLeadCommand(id, expected.Version), cancellationToken);
        }
        catch (ConcurrencyConflictException conflict) when (expected.FromPrecondition)
        {
            throw new ConcurrencyConflictException("Lead", id, conflict.CurrentVersion, fromPrecondition: true);
        }

        return TypedResults.NoContent();
    }

    private async Task<IResult> WriteAsync(Guid id, ICommand<LeadDto> command, bool fromPrecondition, CancellationToken cancellationToken)
    {
        try
        {
            var lead = await mediator.Send(command, cancellationToken);
            Response.Headers.ETag = EntityTags.For(lead);
            return TypedResults.Ok(lead);
        }
        catch (ConcurrencyConflictException conflict) when (fromPrecondition)
        {
            throw new ConcurrencyConflictException("Lead", id, conflict.CurrentVersion, fromPrecondition: true);
        }
    }

    /// <summary>
    /// Turns If-Match / If-None-Match into the version the write expects: the headers are checked against the current
    /// representation (412 when they fail), and after an If-Match the write requires that representation's version,
    /// so a change that lands between the check and the write still fails.
    /// A version the client also stated (body or query) is never dropped: when it is not the version the header
    /// matched, the write is made to expect it, so it fails with 409 instead of overwriting changes the client
    /// has not seen (e.g. <c>If-Match: *</c> with an old version).
    /// </summary>
    private async Task<(long? Version, bool FromPrecondition)> ExpectedVersionAsync(Guid id, long? statedVersion, CancellationToken cancellationToken)
    {
        var headers = PreconditionHeaders.Of(Request);
        var hasIfMatch = headers.HasIfMatch;
        if (!hasIfMatch && !headers.HasIfNoneMatch)
        {
            return (statedVersion, false);
        }

        // Reading the lead first also puts authorization before the precondition: another team's lead is a 404.
        var current = await mediator.Send(new GetLeadByIdQuery(id), cancellationToken);
        var etag = EntityTags.Current(response, current);
        if (Preconditions.IfMatchFails(headers, etag) || Preconditions.IfNoneMatchFailsForWrite(headers, etag))
        {
            throw new ConcurrencyConflictException("Lead", id, current.Version, fromPrecondition: true);
        }

        // If-None-Match alone pins nothing: a later version cannot carry the excluded tag again.
        if (!hasIfMatch || (statedVersion is { } stated && stated != current.Version))
        {
            return (statedVersion, false);
        }

        return (current.Version, true);
    }
}
