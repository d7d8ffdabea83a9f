using Leads.Application.Categories;
using Leads.Application.Common.Exceptions;
using Leads.Application.Common.Interfaces;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Application.Users;
using Leads.Domain.Leads;
using Mapster;

namespace Leads.Application.Leads.Commands;

/// <summary>Checks shared by the lead commands: references exist, the caller may act on the team, versions match.</summary>
public sealed class LeadCommandSupport(
    ICategoryRepository categories,
    ITeamDirectory teams,
    IUserRepository users,
    ICurrentUser currentUser,
    TypeAdapterConfig mapping)
{
    public LeadDetails ToDetails(ILeadFields fields) => new(
        fields.Name.Trim(),
        fields.Email.Trim(),
        fields.Company.Trim(),
        string.IsNullOrWhiteSpace(fields.Phone) ? null : fields.Phone.Trim(),
        fields.Source.Trim(),
        fields.CategoryId,
        fields.EstimatedValue,
        fields.Score,
        fields.Notes);

    /// <summary>Resolves and checks the team a lead goes to; a member with one team may omit it.</summary>
    public async Task<Guid> ResolveTeamAsync(Guid? requested, Guid? current, CancellationToken cancellationToken)
    {
        var access = currentUser.RequireAccess();
        var teamId = requested ?? current ?? (access.TeamIds.Count == 1 ? access.TeamIds[0] : Guid.Empty);
        if (teamId == Guid.Empty)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("TeamId", "TeamId is required.")]);
        }

        if (!access.Scope.CanSee(teamId))
        {
            throw new ForbiddenAccessException("You may only manage leads of your own teams.");
        }

        if (!await teams.ExistsAsync(teamId, cancellationToken))
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("TeamId", "The team does not exist.")]);
        }

        return teamId;
    }

    public async Task EnsureCategoryExistsAsync(Guid categoryId, CancellationToken cancellationToken)
    {
        if (!await categories.ExistsAsync(categoryId, cancellationToken))
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("CategoryId", "The category does not exist.")]);
        }
    }

    /// <summary>An owner that does not exist would only fail at the foreign key (a 500); report it as a field error.</summary>
    public async Task EnsureOwnerExistsAsync(Guid? ownerUserId, CancellationToken cancellationToken)
    {
        if (ownerUserId is { } owner && await users.FindAsync(owner, cancellationToken) is null)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("OwnerUserId", "The owner does not exist.")]);
        }
    }

    /// <summary>Loads a lead the caller may change; other teams' leads are reported missing.</summary>
    public async Task<Lead> LoadForChangeAsync(ILeadRepository leads, Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var lead = await leads.FindAsync(id, cancellationToken);
        if (lead is null || !currentUser.RequireAccess().Scope.CanSee(lead.TeamId))
        {
            throw new NotFoundException("Lead", id);
        }

        if (expectedVersion is { } version && version != lead.Version)
        {
            throw new ConcurrencyConflictException("Lead", id, lead.Version);
        }

        return lead;
    }

    /// <summary>
    /// The answer to a committed write: the lead as it is now, or, when another write deleted it between this
    /// write's commit and this read, the lead as this write saved it. The write did happen; a 404 would say it did not.
    /// </summary>
    public async Task<LeadDto> AnswerAsync(ILeadReadRepository reads, Lead saved, CancellationToken cancellationToken)
    {
        if (await reads.GetByIdAsync(saved.Id, cancellationToken) is { } current)
        {
            return current;
        }

        var category = await categories.FindAsync(saved.CategoryId, cancellationToken);
        return saved.Adapt<LeadDto>(mapping) with { CategoryName = category?.Name ?? string.Empty };
    }
}
