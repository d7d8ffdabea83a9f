using Leads.Domain.Leads;

namespace Leads.UnitTests.Domain;

/// <summary>Creating, updating and deleting a lead: versions and the events cache invalidation depends on.</summary>
public sealed class LeadLifecycleTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_starts_a_new_lead_at_version_1_and_raises_LeadCreated()
    {
        var owner = Guid.NewGuid();

        var lead = Lead.Create(LeadFactory.Details(), LeadFactory.TeamA, owner, Created);

        lead.Id.Should().NotBeEmpty();
        lead.Status.Should().Be(LeadStatus.New);
        lead.Version.Should().Be(1);
        lead.CreatedAt.Should().Be(Created);
        lead.UpdatedAt.Should().Be(Created);
        lead.TeamId.Should().Be(LeadFactory.TeamA);
        lead.OwnerUserId.Should().Be(owner);
        lead.Name.Should().Be("Ada Lovelace");
        lead.CategoryId.Should().Be(LeadFactory.CategoryOne);
        lead.DomainEvents.Should().ContainSingle().Which.Should().Be(new LeadCreated(lead.Id, LeadFactory.TeamA, LeadFactory.CategoryOne, LeadStatus.New));
    }

    [Fact]
    public void Create_keeps_a_given_id()
    {
        var id = Guid.NewGuid();

        Lead.Create(LeadFactory.Details(), LeadFactory.TeamA, null, Created, id).Id.Should().Be(id);
    }

    [Fact]
    public void Update_raises_LeadUpdated_with_the_previous_team_and_category()
    {
        var lead = LeadFactory.Create(Created, LeadFactory.TeamA);
        lead.DequeueDomainEvents();
        var later = Created.AddDays(1);

        lead.Update(LeadFactory.Details(LeadFactory.CategoryTwo, "Grace Hopper"), LeadFactory.TeamB, null, later);

        lead.DomainEvents.Should().ContainSingle().Which.Should().Be(
            new LeadUpdated(lead.Id, LeadFactory.TeamB, LeadFactory.TeamA, LeadFactory.CategoryTwo, LeadFactory.CategoryOne, LeadStatus.New,
                LeadFields.Name | LeadFields.Category | LeadFields.Team | LeadFields.UpdatedAt));
        lead.TeamId.Should().Be(LeadFactory.TeamB);
        lead.CategoryId.Should().Be(LeadFactory.CategoryTwo);
        lead.Name.Should().Be("Grace Hopper");
        lead.UpdatedAt.Should().Be(later);
        lead.CreatedAt.Should().Be(Created);
    }

    [Fact]
    public void Update_within_the_same_team_and_category_names_them_as_previous_too()
    {
        var lead = LeadFactory.Create(Created);
        lead.DequeueDomainEvents();

        lead.Update(LeadFactory.Details(), LeadFactory.TeamA, null, Created.AddMinutes(1));

        lead.DomainEvents.Should().ContainSingle().Which.Should().Be(
            new LeadUpdated(lead.Id, LeadFactory.TeamA, LeadFactory.TeamA, LeadFactory.CategoryOne, LeadFactory.CategoryOne, LeadStatus.New, LeadFields.UpdatedAt));
    }

    [Fact]
    public void Update_names_only_the_fields_whose_value_differs()
    {
        var lead = LeadFactory.Create(Created);
        lead.DequeueDomainEvents();
        var details = LeadFactory.Details() with { Notes = "called back on Monday", Phone = "+44 20 7946 0001" };

        lead.Update(details, LeadFactory.TeamA, null, Created.AddMinutes(1));

        lead.DomainEvents.OfType<LeadUpdated>().Single().Changed.Should().Be(LeadFields.Notes | LeadFields.Phone | LeadFields.UpdatedAt);
    }

    [Fact]
    public void Every_update_and_status_change_increments_the_version_by_one()
    {
        var lead = LeadFactory.Create(Created);

        lead.Update(LeadFactory.Details(), LeadFactory.TeamA, null, Created.AddMinutes(1));
        lead.Version.Should().Be(2);

        lead.ChangeStatus(LeadStatus.Contacted, Created.AddMinutes(2));
        lead.Version.Should().Be(3);

        lead.Update(LeadFactory.Details(name: "Ada King"), LeadFactory.TeamA, null, Created.AddMinutes(3));
        lead.Version.Should().Be(4);
    }

    [Fact]
    public void MarkDeleted_raises_LeadDeleted_with_team_and_category()
    {
        var lead = LeadFactory.Create(Created, LeadFactory.TeamB);
        lead.DequeueDomainEvents();

        lead.MarkDeleted();

        lead.DomainEvents.Should().ContainSingle().Which.Should().Be(new LeadDeleted(lead.Id, LeadFactory.TeamB, LeadFactory.CategoryOne, LeadStatus.New));
    }

    [Fact]
    public void DequeueDomainEvents_hands_out_the_events_once()
    {
        var lead = LeadFactory.Create(Created);
        lead.ChangeStatus(LeadStatus.Contacted, Created.AddMinutes(1));

        var events = lead.DequeueDomainEvents();

        events.Should().HaveCount(2);
        events[0].Should().BeOfType<LeadCreated>();
        events[1].Should().BeOfType<LeadStatusChanged>();
        lead.DomainEvents.Should().BeEmpty();
        lead.DequeueDomainEvents().Should().BeEmpty();
    }
}
