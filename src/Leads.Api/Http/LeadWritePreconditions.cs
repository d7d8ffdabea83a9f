using Leads.Application.Common.Exceptions;
using Leads.Application.Leads.Queries.GetLeadById;
using Mediator;

namespace Leads.Api.Http;

/// <summary>
/// Runs a lead write under its If-Match / If-None-Match headers (RFC 9110 13.1.1, 13.1.2): the headers are checked
/// against the current representation (412 when they fail), then the write runs expecting the version that
/// <see cref="WriteExpectation.After"/> chose. When that version was pinned by If-Match, an outdated-version conflict
/// from the write means another change landed after the check, which is the same failed precondition: 412, not 409.
/// Request-scoped (it reads the entity tag the cache produced for this request).
/// </summary>
public sealed class LeadWritePreconditions(IMediator mediator, ResponsePayload payload)
{
    public async Task<T> WriteAsync<T>(
        Guid id, PreconditionHeaders headers, long? statedVersion, Func<long?, CancellationToken, ValueTask<T>> write, CancellationToken cancellationToken)
    {
        var expected = await ExpectAsync(id, headers, statedVersion, cancellationToken);
        try
        {
            return await write(expected.Version, cancellationToken);
        }
        catch (ConcurrencyConflictException conflict) when (expected.PinnedByIfMatch)
        {
            throw new PreconditionFailedException("Lead", id, conflict.CurrentVersion);
        }
    }

    private async Task<WriteExpectation> ExpectAsync(Guid id, PreconditionHeaders headers, long? statedVersion, CancellationToken cancellationToken)
    {
        if (!headers.HasIfMatch && !headers.HasIfNoneMatch)
        {
            return WriteExpectation.Stated(statedVersion);
        }

        // Reading the lead first also puts authorization before the precondition: another team's lead is a 404.
        var current = await mediator.Send(new GetLeadByIdQuery(id), cancellationToken);
        var etag = EntityTags.Current(payload, current);
        if (Preconditions.IfMatchFails(headers, etag) || Preconditions.IfNoneMatchFailsForWrite(headers, etag))
        {
            throw new PreconditionFailedException("Lead", id, current.Version);
        }

        return WriteExpectation.After(headers, current.Version, statedVersion);
    }
}
