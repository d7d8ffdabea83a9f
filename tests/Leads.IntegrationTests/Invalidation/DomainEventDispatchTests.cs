using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>Domain events reach the invalidation handler after every committed save, whichever way it was made.</summary>
public sealed class DomainEventDispatchTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_synchronous_save_publishes_its_domain_events_after_the_commit_like_an_asynchronous_one()
    {
        using var salesA = await Factory.CreateSalesAClientAsync();
        var lead = await Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamA && l.Status != LeadStatus.Won && l.Status != LeadStatus.Lost)
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());
        var url = $"/api/leads/{lead.Id}";
        await salesA.WarmAsync(url);

        await Factory.WithDbAsync(db =>
        {
            var tracked = db.Leads.Single(l => l.Id == lead.Id);
            tracked.ChangeStatus(LeadStatus.Lost, DateTimeOffset.UtcNow);
            return Task.FromResult(db.SaveChanges());
        });

        var read = await salesA.ReadAsync(url);
        read.IsCacheHit.Should().BeFalse("the saved change raised LeadStatusChanged (Cache-Status: {0})", read.CacheStatus);
        read.As<LeadDto>().Status.Should().Be(LeadStatus.Lost);
    }
}
