using Leads.Domain.Common;

namespace Leads.Domain.Leads;

/// <summary>A sales lead. Its status moves along a fixed pipeline guarded by <see cref="ChangeStatus"/>.</summary>
public sealed class Lead : AggregateRoot
{
    private static readonly Dictionary<LeadStatus, LeadStatus[]> AllowedTransitions = new()
    {
        [LeadStatus.New] = [LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.Lost],
        [LeadStatus.Contacted] = [LeadStatus.Qualified, LeadStatus.Lost],
        [LeadStatus.Qualified] = [LeadStatus.Proposal, LeadStatus.Lost],
        [LeadStatus.Proposal] = [LeadStatus.Won, LeadStatus.Lost, LeadStatus.Qualified],
        [LeadStatus.Won] = [],
        [LeadStatus.Lost] = [LeadStatus.New],
    };

    private Lead()
    {
        Name = Email = Company = Source = string.Empty;
    }

    public string Name { get; private set; }

    public string Email { get; private set; }

    public string Company { get; private set; }

    public string? Phone { get; private set; }

    public LeadStatus Status { get; private set; }

    public string Source { get; private set; }

    public Guid CategoryId { get; private set; }

    public Guid TeamId { get; private set; }

    public Guid? OwnerUserId { get; private set; }

    public decimal EstimatedValue { get; private set; }

    public int Score { get; private set; }

    public string? Notes { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency token; incremented on every change.</summary>
    public long Version { get; private set; }

    public static Lead Create(LeadDetails details, Guid teamId, Guid? ownerUserId, DateTimeOffset now, Guid? id = null)
    {
        var lead = new Lead
        {
            Id = id ?? Guid.CreateVersion7(now),
            TeamId = teamId,
            OwnerUserId = ownerUserId,
            Status = LeadStatus.New,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        lead.Apply(details);
        lead.Raise(new LeadCreated(lead.Id, lead.TeamId, lead.CategoryId, lead.Status));
        return lead;
    }

    /// <summary>
    /// The lead as it is stored, rebuilt from a copy of its row (a repository's cached read), without events. A
    /// change to it is saved only if the row still has <paramref name="version"/>.
    /// </summary>
    public static Lead Restore(
        Guid id,
        LeadDetails details,
        LeadStatus status,
        Guid teamId,
        Guid? ownerUserId,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        long version)
    {
        var lead = new Lead
        {
            Id = id,
            Status = status,
            TeamId = teamId,
            OwnerUserId = ownerUserId,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            Version = version,
        };
        lead.Apply(details);
        return lead;
    }

    public void Update(LeadDetails details, Guid teamId, Guid? ownerUserId, DateTimeOffset now)
    {
        var previousTeam = TeamId;
        var previousCategory = CategoryId;
        var changed = ChangedFields(details, teamId, ownerUserId);
        Apply(details);
        TeamId = teamId;
        OwnerUserId = ownerUserId;
        Touch(now);
        Raise(new LeadUpdated(Id, TeamId, previousTeam, CategoryId, previousCategory, Status, changed | LeadFields.UpdatedAt));
    }

    /// <summary>Whether <see cref="ChangeStatus"/> to <paramref name="status"/> would change the lead (it is another status, and an allowed move).</summary>
    public bool WouldMoveTo(LeadStatus status) => status != Status && AllowedTransitions[Status].Contains(status);

    public void ChangeStatus(LeadStatus status, DateTimeOffset now)
    {
        if (status == Status)
        {
            return;
        }

        if (!AllowedTransitions[Status].Contains(status))
        {
            throw new InvalidStatusTransitionException(Status, status);
        }

        var from = Status;
        Status = status;
        Touch(now);
        Raise(new LeadStatusChanged(Id, TeamId, from, status));
    }

    public void MarkDeleted() => Raise(new LeadDeleted(Id, TeamId, CategoryId, Status));

    /// <summary>Used by the demo-data seeder to place a lead anywhere in the pipeline without events.</summary>
    public void SeedStatus(LeadStatus status) => Status = status;

    private LeadFields ChangedFields(LeadDetails details, Guid teamId, Guid? ownerUserId)
    {
        var changed = LeadFields.None;
        Mark(ref changed, LeadFields.Name, !string.Equals(Name, details.Name, StringComparison.Ordinal));
        Mark(ref changed, LeadFields.Email, !string.Equals(Email, details.Email, StringComparison.Ordinal));
        Mark(ref changed, LeadFields.Company, !string.Equals(Company, details.Company, StringComparison.Ordinal));
        Mark(ref changed, LeadFields.Phone, !string.Equals(Phone, details.Phone, StringComparison.Ordinal));
        Mark(ref changed, LeadFields.Source, !string.Equals(Source, details.Source, StringComparison.Ordinal));
        Mark(ref changed, LeadFields.Category, CategoryId != details.CategoryId);
        Mark(ref changed, LeadFields.EstimatedValue, EstimatedValue != details.EstimatedValue);
        Mark(ref changed, LeadFields.Score, Score != details.Score);
        Mark(ref changed, LeadFields.Notes, !string.Equals(Notes, details.Notes, StringComparison.Ordinal));
        Mark(ref changed, LeadFields.Team, TeamId != teamId);
        Mark(ref changed, LeadFields.Owner, OwnerUserId != ownerUserId);
        return changed;

        static void Mark(ref LeadFields fields, LeadFields field, bool differs)
        {
            if (differs)
            {
                fields |= field;
            }
        }
    }

    private void Apply(LeadDetails details)
    {
        Name = details.Name;
        Email = details.Email;
        Company = details.Company;
        Phone = details.Phone;
        Source = details.Source;
        CategoryId = details.CategoryId;
        EstimatedValue = details.EstimatedValue;
        Score = details.Score;
        Notes = details.Notes;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
