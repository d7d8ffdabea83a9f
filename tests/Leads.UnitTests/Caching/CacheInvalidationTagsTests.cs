using System.Runtime.CompilerServices;
using Leads.Application.Caching;
using Leads.Domain.Categories;
using Leads.Domain.Common;
using Leads.Domain.Leads;
using Leads.Domain.Users;

namespace Leads.UnitTests.Caching;

/// <summary>
/// The tags stored in the invalidation outbox and bumped after the commit come from one mapping: every domain
/// event must bump something (an event the mapping forgets would leave every cache serving the old data), and a
/// save's row holds each tag once.
/// </summary>
public sealed class CacheInvalidationTagsTests
{
    private static readonly Guid TeamA = Guid.Parse("0a000000-0000-7000-8000-00000000000a");
    private static readonly Guid TeamB = Guid.Parse("0b000000-0000-7000-8000-00000000000b");
    private static readonly Guid Category = Guid.Parse("2a000000-0000-7000-8000-000000000001");

    public static TheoryData<Type> DomainEventTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(IDomainEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDomainEvent).IsAssignableFrom(t)))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DomainEventTypes))]
    public void Every_domain_event_bumps_at_least_one_tag(Type eventType)
    {
        var domainEvent = (IDomainEvent)RuntimeHelpers.GetUninitializedObject(eventType);

        CacheInvalidationTags.For(domainEvent).Should().NotBeEmpty($"{eventType.Name} changes data some cached answer shows");
    }

    [Fact]
    public void A_lead_moved_to_another_team_bumps_both_teams_and_the_lead()
    {
        var leadId = Guid.NewGuid();
        var moved = new LeadUpdated(leadId, TeamB, TeamA, Category, Category, LeadStatus.New, LeadFields.Team);

        CacheInvalidationTags.For(moved).Should().Contain([CacheTags.Lead(leadId), CacheTags.TeamLeads(TeamA), CacheTags.TeamLeads(TeamB)]);
    }

    [Fact]
    public void The_tags_of_a_save_are_the_distinct_union_of_its_events()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        IDomainEvent[] events =
        [
            new LeadCreated(first, TeamA, Category, LeadStatus.New),
            new LeadCreated(second, TeamA, Category, LeadStatus.New),
            new CategoryChanged(Category),
            new UserAccessChanged(Guid.Empty),
        ];

        var tags = CacheInvalidationTags.For(events);

        tags.Should().OnlyHaveUniqueItems();
        tags.Should().Contain([CacheTags.Lead(first), CacheTags.Lead(second), CacheTags.TeamLeads(TeamA), CacheTags.Categories, CacheTags.User(Guid.Empty)]);
        tags.Should().BeEquivalentTo(events.SelectMany(CacheInvalidationTags.For).Distinct());
    }

    [Fact]
    public void A_save_without_events_bumps_nothing()
    {
        CacheInvalidationTags.For([]).Should().BeEmpty();
    }
}
