using System.Net;
using System.Net.Http.Json;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// Writes invalidate list pages and summaries only when they can change them: which leads a page holds, their
/// order, or the counts. A page whose ids stay valid is served from its cached ids with the fresh bodies of its
/// leads; a page or summary that depends on the change is recomputed and shows it.
/// </summary>
public sealed class ListInvalidationScopeTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    private const string List = "/api/leads?pageSize=100";
    private const string ByName = "/api/leads?pageSize=100&sort=name";
    private const string Summary = "/api/leads/summary";

    private HttpClient _salesA = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _salesA = await Factory.CreateSalesAClientAsync();
    }

    public override Task DisposeAsync()
    {
        _salesA.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task A_notes_only_edit_keeps_every_page_and_the_summary_cached_and_the_pages_show_the_new_notes()
    {
        var lead = await OpenLeadAsync();
        await _salesA.WarmAsync(List);
        await _salesA.WarmAsync(ByName);
        var statusList = $"/api/leads?pageSize=100&status={lead.Status}";
        await _salesA.WarmAsync(statusList);
        var summary = await _salesA.WarmAsync(Summary);

        var response = await _salesA.PutAsJsonAsync($"/api/leads/{lead.Id}", LeadRequests.Update(lead) with { Notes = "only the notes changed" }, CachedRead.Json);
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var url in new[] { List, ByName, statusList })
        {
            var page = await _salesA.ReadAsync(url);
            page.Policy("LeadsList").Should().StartWith("leads-api; hit", "{0} holds the same ids in the same order", url);
            page.As<PagedResult<LeadDto>>().Items.Should().ContainSingle(l => l.Id == lead.Id).Which.Notes.Should().Be("only the notes changed");
        }

        var after = await _salesA.ReadAsync(Summary);
        after.IsCacheHit.Should().BeTrue("no count or sum reads the notes (Cache-Status: {0})", after.CacheStatus);
        after.Body.Should().Be(summary.Body);
    }

    [Fact]
    public async Task A_rename_recomputes_pages_sorted_by_name_only()
    {
        var lead = await OpenLeadAsync();
        await _salesA.WarmAsync(List);
        await _salesA.WarmAsync(ByName);

        var response = await _salesA.PutAsJsonAsync($"/api/leads/{lead.Id}", LeadRequests.Update(lead) with { Name = "Aaaaa Aardvark" }, CachedRead.Json);
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var byName = await _salesA.ReadAsync(ByName);
        byName.Policy("LeadsList").Should().Contain("fwd=miss", "the order by name may have changed");
        byName.As<PagedResult<LeadDto>>().Items[0].Id.Should().Be(lead.Id, "'Aaaaa Aardvark' now sorts first");
        (await _salesA.ReadAsync(List)).Policy("LeadsList").Should().StartWith("leads-api; hit", "the default order (newest first) does not read the name");
    }

    [Fact]
    public async Task A_status_change_recomputes_the_pages_filtered_on_either_status_and_the_summary_but_not_other_pages()
    {
        var lead = await OpenLeadAsync(LeadStatus.New);
        var fromList = "/api/leads?pageSize=100&status=New";
        var toList = "/api/leads?pageSize=100&status=Contacted";
        var otherList = "/api/leads?pageSize=100&status=Proposal";
        await _salesA.WarmAsync(List);
        await _salesA.WarmAsync(fromList);
        await _salesA.WarmAsync(toList);
        await _salesA.WarmAsync(otherList);
        var summary = (await _salesA.WarmAsync(Summary)).As<LeadsSummaryDto>();

        var response = await _salesA.PatchAsJsonAsync($"/api/leads/{lead.Id}/status", new { status = "Contacted" }, CachedRead.Json);
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var from = await _salesA.ReadAsync(fromList);
        from.Policy("LeadsList").Should().Contain("fwd=miss");
        from.As<PagedResult<LeadDto>>().Items.Should().NotContain(l => l.Id == lead.Id);
        var to = await _salesA.ReadAsync(toList);
        to.Policy("LeadsList").Should().Contain("fwd=miss");
        to.As<PagedResult<LeadDto>>().Items.Should().Contain(l => l.Id == lead.Id);
        (await _salesA.ReadAsync(otherList)).IsCacheHit.Should().BeTrue("no Proposal lead changed");

        var all = await _salesA.ReadAsync(List);
        all.Policy("LeadsList").Should().StartWith("leads-api; hit", "the unfiltered, newest-first page holds the same ids");
        all.As<PagedResult<LeadDto>>().Items.Single(l => l.Id == lead.Id).Status.Should().Be(LeadStatus.Contacted);

        var counts = (await _salesA.ReadAsync(Summary)).As<LeadsSummaryDto>();
        counts.ByStatus["New"].Should().Be(summary.ByStatus["New"] - 1);
        counts.ByStatus["Contacted"].Should().Be(summary.ByStatus["Contacted"] + 1);
    }

    [Fact]
    public async Task A_category_change_recomputes_the_pages_filtered_on_either_category()
    {
        var lead = await OpenLeadAsync();
        var other = await Factory.WithDbAsync(db => db.Categories.AsNoTracking().Where(c => c.Id != lead.CategoryId).OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());
        var fromList = $"/api/leads?pageSize=100&categoryId={lead.CategoryId}";
        var toList = $"/api/leads?pageSize=100&categoryId={other}";
        await _salesA.WarmAsync(fromList);
        await _salesA.WarmAsync(toList);

        var response = await _salesA.PutAsJsonAsync($"/api/leads/{lead.Id}", LeadRequests.Update(lead) with { CategoryId = other }, CachedRead.Json);
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        (await _salesA.ReadAsync(fromList)).As<PagedResult<LeadDto>>().Items.Should().NotContain(l => l.Id == lead.Id);
        (await _salesA.ReadAsync(toList)).As<PagedResult<LeadDto>>().Items.Should().ContainSingle(l => l.Id == lead.Id).Which.CategoryId.Should().Be(other);
    }

    private Task<Lead> OpenLeadAsync(LeadStatus? status = null) =>
        Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamA && l.Status != LeadStatus.Won && l.Status != LeadStatus.Lost && (status == null || l.Status == status))
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .FirstAsync());
}
