using Leads.Domain.Leads;

namespace Leads.UnitTests.Domain;

/// <summary>The lead pipeline: which status moves are allowed, and what an allowed or refused move leaves behind.</summary>
public sealed class LeadStatusTransitionTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddHours(5);

    // The pipeline as the business describes it; everything else (other than staying put) is forbidden.
    private static readonly (LeadStatus From, LeadStatus To)[] Allowed =
    [
        (LeadStatus.New, LeadStatus.Contacted),
        (LeadStatus.New, LeadStatus.Qualified),
        (LeadStatus.New, LeadStatus.Lost),
        (LeadStatus.Contacted, LeadStatus.Qualified),
        (LeadStatus.Contacted, LeadStatus.Lost),
        (LeadStatus.Qualified, LeadStatus.Proposal),
        (LeadStatus.Qualified, LeadStatus.Lost),
        (LeadStatus.Proposal, LeadStatus.Won),
        (LeadStatus.Proposal, LeadStatus.Lost),
        (LeadStatus.Proposal, LeadStatus.Qualified),
        (LeadStatus.Lost, LeadStatus.New),
    ];

    public static TheoryData<LeadStatus, LeadStatus> AllowedTransitions()
    {
        var data = new TheoryData<LeadStatus, LeadStatus>();
        foreach (var (from, to) in Allowed)
        {
            data.Add(from, to);
        }

        return data;
    }

    public static TheoryData<LeadStatus, LeadStatus> ForbiddenTransitions()
    {
        var data = new TheoryData<LeadStatus, LeadStatus>();
        foreach (var from in Enum.GetValues<LeadStatus>())
        {
            foreach (var to in Enum.GetValues<LeadStatus>())
            {
                if (from != to && !Allowed.Contains((from, to)))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void ChangeStatus_moves_along_an_allowed_transition_and_raises_LeadStatusChanged(LeadStatus from, LeadStatus to)
    {
        var lead = LeadAt(from);

        lead.ChangeStatus(to, Later);

        lead.Status.Should().Be(to);
        lead.Version.Should().Be(2);
        lead.UpdatedAt.Should().Be(Later);
        lead.DomainEvents.Should().ContainSingle().Which.Should().Be(new LeadStatusChanged(lead.Id, lead.TeamId, from, to));
    }

    [Theory]
    [MemberData(nameof(ForbiddenTransitions))]
    public void ChangeStatus_refuses_a_forbidden_transition_and_leaves_the_lead_untouched(LeadStatus from, LeadStatus to)
    {
        var lead = LeadAt(from);

        var act = () => lead.ChangeStatus(to, Later);

        var refused = act.Should().Throw<InvalidStatusTransitionException>().Which;
        refused.From.Should().Be(from);
        refused.To.Should().Be(to);
        lead.Status.Should().Be(from);
        lead.Version.Should().Be(1);
        lead.UpdatedAt.Should().Be(Created);
        lead.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void Won_is_final()
    {
        var lead = LeadAt(LeadStatus.Won);

        foreach (var to in Enum.GetValues<LeadStatus>().Where(s => s != LeadStatus.Won))
        {
            lead.Invoking(l => l.ChangeStatus(to, Later)).Should().Throw<InvalidStatusTransitionException>();
        }
    }

    [Theory]
    [InlineData(LeadStatus.New)]
    [InlineData(LeadStatus.Proposal)]
    [InlineData(LeadStatus.Won)]
    public void ChangeStatus_to_the_current_status_is_a_no_op_without_event_or_new_version(LeadStatus status)
    {
        var lead = LeadAt(status);

        lead.ChangeStatus(status, Later);

        lead.Status.Should().Be(status);
        lead.Version.Should().Be(1);
        lead.UpdatedAt.Should().Be(Created);
        lead.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void A_lost_lead_can_be_revived_and_walked_to_won_with_one_version_per_move()
    {
        var lead = LeadAt(LeadStatus.New);
        LeadStatus[] path = [LeadStatus.Lost, LeadStatus.New, LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.Proposal, LeadStatus.Won];

        foreach (var status in path)
        {
            lead.ChangeStatus(status, Later);
        }

        lead.Status.Should().Be(LeadStatus.Won);
        lead.Version.Should().Be(1 + path.Length);
        lead.DomainEvents.OfType<LeadStatusChanged>().Select(e => e.To).Should().Equal(path);
    }

    private static Lead LeadAt(LeadStatus status)
    {
        var lead = LeadFactory.Create(Created);
        lead.SeedStatus(status);
        lead.DequeueDomainEvents();
        return lead;
    }
}
