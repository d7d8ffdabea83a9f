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
        lead.Raise(new LeadCreated(lead.Id, lead.TeamId, lead.CategoryId));
        return lead;
    }

    public void Update(LeadDetails details, Guid teamId, Guid? ownerUserId, DateTimeOffset now)
    {
        var previousTeam = TeamId;
        var previousCategory = CategoryId;
        Apply(details);
        TeamId = teamId;
        OwnerUserId = ownerUserId;
        Touch(now);
        Raise(new LeadUpdated(Id, TeamId, previousTeam, CategoryId, previousCategory));
    }

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

    public void MarkDeleted() => Raise(new LeadDeleted(Id, TeamId, CategoryId));

    /// <summary>Used by the demo-data seeder to place a lead anywhere in the pipeline without events.</summary>
    public void SeedStatus(LeadStatus status) => Status = status;

    public static bool CanMove(LeadStatus from, LeadStatus to) => from == to || AllowedTransitions[from].Contains(to);

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
