using Leads.Application.Categories;
using Leads.Application.Common.Exceptions;
using Leads.Application.Common.Interfaces;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Application.Users;
using Leads.Domain.Leads;
using Mapster;

namespace Leads.Application.Leads.Commands;

/// <summary>
/// Checks shared by the lead commands: references exist, the caller may act on the team, versions match; and the
/// answer of a committed write. A reference a change keeps as it was is not looked up again: the lead's own foreign
/// key proves it exists (categories and teams cannot be deleted while a lead refers to them, and a deleted owner is
/// set to null), and a reference that went away between the read and the save fails at that key, which is a 409.
/// </summary>
public sealed class LeadCommandSupport(
    ICategoryRepository categories,
    CachedCategoryList categoryList,
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

        if (teamId != current && !await teams.ExistsAsync(teamId, cancellationToken))
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("TeamId", "The team does not exist.")]);
        }

        return teamId;
    }

    /// <summary>Checks that <paramref name="categoryId"/> exists, unless it is <paramref name="current"/> (the lead's own).</summary>
    public async Task EnsureCategoryExistsAsync(Guid categoryId, Guid? current, CancellationToken cancellationToken)
    {
        if (categoryId != current && !await categories.ExistsAsync(categoryId, cancellationToken))
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("CategoryId", "The category does not exist.")]);
        }
    }

    /// <summary>An owner that does not exist would only fail at the foreign key (a 409); report it as a field error.</summary>
    public async Task EnsureOwnerExistsAsync(Guid? ownerUserId, Guid? current, CancellationToken cancellationToken)
    {
        if (ownerUserId is { } owner && owner != current && await users.FindAsync(owner, cancellationToken) is null)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("OwnerUserId", "The owner does not exist.")]);
        }
    }

    /// <summary>Loads a lead the caller may change; other teams' leads are reported missing.</summary>
    public async Task<Lead> LoadForChangeAsync(ILeadRepository leads, Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var lead = await leads.FindAsync(id, expectedVersion, cancellationToken);
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
    /// The answer to a committed write: the lead as this write saved it (the version it produced), with its
    /// category's name from the cached category list. Reading the row back cost a query and a database-level miss
    /// per write, and showed a later write instead when one committed in between. Values are as a read returns
    /// them: times are already in microseconds (the clock), the value gets the column's two decimals.
    /// </summary>
    public async Task<LeadDto> AnswerAsync(Lead saved, CancellationToken cancellationToken)
    {
        var answer = saved.Adapt<LeadDto>(mapping);
        return answer with
        {
            CategoryName = await categoryList.NameOfAsync(saved.CategoryId, cancellationToken),
            EstimatedValue = decimal.Round(answer.EstimatedValue, 2, MidpointRounding.AwayFromZero) + 0.00m,
        };
    }
}
