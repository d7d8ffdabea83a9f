using System.Net;
using System.Net.Http.Json;
using Leads.Application.Categories.Models;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// Every write invalidates exactly the reads that show what it changed, on every level, and nothing else.
/// Each test first warms every read it checks until it is a service-level hit: a read after the write that
/// shows the old content, or that is still a hit although it depends on the change, is a stale read; a read
/// that does not depend on the change but stopped being a hit means the invalidation was a flush, not a cascade.
/// </summary>
public sealed class CascadeInvalidationTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    private const string List = "/api/leads?pageSize=100";
    private const string Summary = "/api/leads/summary";
    private const string Categories = "/api/leads/categories";
    private const string StaticConfig = "/api/static/config";

    private HttpClient _admin = null!;
    private HttpClient _salesA = null!;
    private HttpClient _salesB = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await Factory.CreateAdminClientAsync();
        _salesA = await Factory.CreateSalesAClientAsync();
        _salesB = await Factory.CreateSalesBClientAsync();
    }

    public override Task DisposeAsync()
    {
        _admin.Dispose();
        _salesA.Dispose();
        _salesB.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Creating_a_lead_refreshes_the_lists_and_summaries_of_its_team_and_of_admins_only()
    {
        var neighbour = await OpenLeadAsync(DemoData.TeamA);
        var salesAList = await _salesA.WarmAsync(List);
        var adminList = await _admin.WarmAsync(List);
        var salesASummary = await _salesA.WarmAsync(Summary);
        var adminSummary = await _admin.WarmAsync(Summary);
        var salesBList = await _salesB.WarmAsync(List);
        var salesBSummary = await _salesB.WarmAsync(Summary);
        var categories = await _salesA.WarmAsync(Categories);
        var neighbourRead = await _salesA.WarmAsync(LeadUrl(neighbour.Id));

        var response = await _salesA.PostAsJsonAsync("/api/leads", LeadRequests.Create(neighbour.CategoryId, "Created Lead"), CachedRead.Json);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<LeadDto>(CachedRead.Json))!;

        foreach (var (client, before) in new[] { (_salesA, salesAList), (_admin, adminList) })
        {
            var page = (await PageAfterChangeAsync(client, List)).As<PagedResult<LeadDto>>();
            page.Items.Should().ContainSingle(l => l.Id == created.Id).Which.Name.Should().Be("Created Lead");
            page.TotalCount.Should().Be(before.As<PagedResult<LeadDto>>().TotalCount + 1);
        }

        foreach (var (client, before) in new[] { (_salesA, salesASummary), (_admin, adminSummary) })
        {
            var summary = (await FreshAsync(client, Summary)).As<LeadsSummaryDto>();
            summary.Total.Should().Be(before.As<LeadsSummaryDto>().Total + 1);
            summary.ByStatus[nameof(LeadStatus.New)].Should().Be(before.As<LeadsSummaryDto>().ByStatus[nameof(LeadStatus.New)] + 1);
        }

        (await FreshAsync(_salesA, LeadUrl(created.Id))).As<LeadDto>().Version.Should().Be(created.Version);

        await UnchangedAsync(_salesB, List, salesBList);
        await UnchangedAsync(_salesB, Summary, salesBSummary);
        await UnchangedAsync(_salesA, Categories, categories);
        await UnchangedAsync(_salesA, LeadUrl(neighbour.Id), neighbourRead);
    }

    [Fact]
    public async Task Updating_a_lead_refreshes_its_detail_lists_summaries_and_entity_tag_in_every_scope_that_sees_it()
    {
        var lead = await OpenLeadAsync(DemoData.TeamA);
        var neighbour = await OpenLeadAsync(DemoData.TeamA, skip: 1);
        var salesARead = await _salesA.WarmAsync(LeadUrl(lead.Id));
        await _admin.WarmAsync(LeadUrl(lead.Id));
        await _salesA.WarmAsync(List);
        await _admin.WarmAsync(List);
        var salesASummary = await _salesA.WarmAsync(Summary);
        var adminSummary = await _admin.WarmAsync(Summary);
        var salesBList = await _salesB.WarmAsync(List);
        var salesBSummary = await _salesB.WarmAsync(Summary);
        var categories = await _salesA.WarmAsync(Categories);
        var neighbourRead = await _salesA.WarmAsync(LeadUrl(neighbour.Id));

        var update = LeadRequests.Update(lead) with { Name = "Renamed Lead", EstimatedValue = lead.EstimatedValue + 1000m };
        var response = await _salesA.PutAsJsonAsync(LeadUrl(lead.Id), update, CachedRead.Json);
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var client in new[] { _salesA, _admin })
        {
            var dto = (await FreshAsync(client, LeadUrl(lead.Id))).As<LeadDto>();
            dto.Name.Should().Be("Renamed Lead");
            dto.Version.Should().Be(lead.Version + 1);
            (await PageAfterChangeAsync(client, List)).As<PagedResult<LeadDto>>().Items.Should().ContainSingle(l => l.Id == lead.Id)
                .Which.Should().Match<LeadDto>(l => l.Name == "Renamed Lead" && l.Version == lead.Version + 1);
        }

        foreach (var (client, before) in new[] { (_salesA, salesASummary), (_admin, adminSummary) })
        {
            (await FreshAsync(client, Summary)).As<LeadsSummaryDto>().TotalValue.Should().Be(before.As<LeadsSummaryDto>().TotalValue + 1000m);
        }

        // The HTTP level: the validator a client holds no longer matches, so it gets the new representation.
        var revalidated = await _salesA.ReadAsync(LeadUrl(lead.Id), salesARead.ETag);
        revalidated.Status.Should().Be(HttpStatusCode.OK);
        revalidated.ETag.Should().NotBe(salesARead.ETag);
        revalidated.As<LeadDto>().Name.Should().Be("Renamed Lead");
        (await _salesA.ReadAsync(LeadUrl(lead.Id), revalidated.ETag)).Status.Should().Be(HttpStatusCode.NotModified);

        await UnchangedAsync(_salesB, List, salesBList);
        await UnchangedAsync(_salesB, Summary, salesBSummary);
        await UnchangedAsync(_salesA, Categories, categories);
        await UnchangedAsync(_salesA, LeadUrl(neighbour.Id), neighbourRead);
    }

    [Fact]
    public async Task A_conditional_write_is_checked_against_the_current_representation_not_a_cached_one()
    {
        var lead = await OpenLeadAsync(DemoData.TeamA);
        var url = LeadUrl(lead.Id);
        var original = await _salesA.WarmAsync(url);

        (await _admin.PutAsJsonAsync(url, LeadRequests.Update(lead) with { Notes = "changed by admin" }, CachedRead.Json))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await PutIfMatchAsync(url, LeadRequests.Update(lead) with { Notes = "based on the original" }, original.ETag!))
            .StatusCode.Should().Be(HttpStatusCode.PreconditionFailed, "the cached original no longer is the current representation");

        // The failed precondition check itself loaded (and cached) the current representation for this scope.
        var current = await _salesA.ReadAsync(url);
        current.As<LeadDto>().Notes.Should().Be("changed by admin");
        current.ETag.Should().NotBe(original.ETag);
        (await PutIfMatchAsync(url, LeadRequests.Update(lead) with { Notes = "based on the current one" }, current.ETag!))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await FreshAsync(_salesA, url)).As<LeadDto>().Notes.Should().Be("based on the current one");
    }

    [Fact]
    public async Task Moving_a_lead_to_another_team_removes_it_from_the_old_team_and_shows_it_to_the_new_team()
    {
        var lead = await OpenLeadAsync(DemoData.TeamA);
        var salesBNeighbour = await OpenLeadAsync(DemoData.TeamB);
        await _salesA.WarmAsync(LeadUrl(lead.Id));
        await _admin.WarmAsync(LeadUrl(lead.Id));
        var salesAList = await _salesA.WarmAsync(List);
        var salesBList = await _salesB.WarmAsync(List);
        var adminList = await _admin.WarmAsync(List);
        var salesASummary = await _salesA.WarmAsync(Summary);
        var salesBSummary = await _salesB.WarmAsync(Summary);
        var adminSummary = await _admin.WarmAsync(Summary);
        var categories = await _salesB.WarmAsync(Categories);
        var neighbourRead = await _salesB.WarmAsync(LeadUrl(salesBNeighbour.Id));
        (await _salesB.ReadAsync(LeadUrl(lead.Id))).Status.Should().Be(HttpStatusCode.NotFound);

        var move = LeadRequests.Update(lead) with { TeamId = DemoData.TeamB, OwnerUserId = DemoData.SalesBUser };
        (await _admin.PutAsJsonAsync(LeadUrl(lead.Id), move, CachedRead.Json)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await FreshAsync(_salesA, LeadUrl(lead.Id))).Status.Should().Be(HttpStatusCode.NotFound);
        var salesAPage = (await PageAfterChangeAsync(_salesA, List)).As<PagedResult<LeadDto>>();
        salesAPage.Items.Should().NotContain(l => l.Id == lead.Id);
        salesAPage.TotalCount.Should().Be(salesAList.As<PagedResult<LeadDto>>().TotalCount - 1);
        (await FreshAsync(_salesA, Summary)).As<LeadsSummaryDto>().Total.Should().Be(salesASummary.As<LeadsSummaryDto>().Total - 1);

        (await FreshAsync(_salesB, LeadUrl(lead.Id))).As<LeadDto>().TeamId.Should().Be(DemoData.TeamB);
        var salesBPage = (await PageAfterChangeAsync(_salesB, List)).As<PagedResult<LeadDto>>();
        salesBPage.Items.Should().ContainSingle(l => l.Id == lead.Id);
        salesBPage.TotalCount.Should().Be(salesBList.As<PagedResult<LeadDto>>().TotalCount + 1);
        (await FreshAsync(_salesB, Summary)).As<LeadsSummaryDto>().Total.Should().Be(salesBSummary.As<LeadsSummaryDto>().Total + 1);

        (await FreshAsync(_admin, LeadUrl(lead.Id))).As<LeadDto>().TeamId.Should().Be(DemoData.TeamB);
        var adminPage = (await PageAfterChangeAsync(_admin, List)).As<PagedResult<LeadDto>>();
        adminPage.Items.Should().ContainSingle(l => l.Id == lead.Id).Which.TeamId.Should().Be(DemoData.TeamB);
        adminPage.TotalCount.Should().Be(adminList.As<PagedResult<LeadDto>>().TotalCount);
        await UnchangedAsync(_admin, Summary, adminSummary); // admins see both teams: no count changed

        await UnchangedAsync(_salesB, Categories, categories);
        await UnchangedAsync(_salesB, LeadUrl(salesBNeighbour.Id), neighbourRead);
    }

    [Fact]
    public async Task Changing_a_leads_category_shows_the_new_category_name_in_its_detail_lists_and_summaries()
    {
        var lead = await OpenLeadAsync(DemoData.TeamA);
        var (newCategoryId, newCategoryName) = DemoData.Categories.First(c => c.Id != lead.CategoryId);
        await _salesA.WarmAsync(LeadUrl(lead.Id));
        await _admin.WarmAsync(LeadUrl(lead.Id));
        await _salesA.WarmAsync(List);
        await _admin.WarmAsync(List);
        var salesASummary = await _salesA.WarmAsync(Summary);
        var salesBList = await _salesB.WarmAsync(List);
        var categories = await _salesA.WarmAsync(Categories);

        var update = LeadRequests.Update(lead) with { CategoryId = newCategoryId };
        (await _salesA.PutAsJsonAsync(LeadUrl(lead.Id), update, CachedRead.Json)).StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var client in new[] { _salesA, _admin })
        {
            (await FreshAsync(client, LeadUrl(lead.Id))).As<LeadDto>().CategoryName.Should().Be(newCategoryName);
            (await PageAfterChangeAsync(client, List)).As<PagedResult<LeadDto>>().Items.Should().ContainSingle(l => l.Id == lead.Id)
                .Which.Should().Match<LeadDto>(l => l.CategoryId == newCategoryId && l.CategoryName == newCategoryName);
        }

        var before = salesASummary.As<LeadsSummaryDto>().ByCategory;
        var after = (await FreshAsync(_salesA, Summary)).As<LeadsSummaryDto>().ByCategory;
        CountOf(after, newCategoryId).Should().Be(CountOf(before, newCategoryId) + 1);
        CountOf(after, lead.CategoryId).Should().Be(CountOf(before, lead.CategoryId) - 1);
        after.Single(c => c.CategoryId == newCategoryId).CategoryName.Should().Be(newCategoryName);

        await UnchangedAsync(_salesB, List, salesBList);
        await UnchangedAsync(_salesA, Categories, categories);
    }

    [Fact]
    public async Task Changing_a_leads_status_refreshes_its_detail_lists_and_status_counts()
    {
        var lead = await OpenLeadAsync(DemoData.TeamA);
        var salesARead = await _salesA.WarmAsync(LeadUrl(lead.Id));
        await _admin.WarmAsync(LeadUrl(lead.Id));
        await _salesA.WarmAsync(List);
        await _admin.WarmAsync(List);
        var salesASummary = await _salesA.WarmAsync(Summary);
        var adminSummary = await _admin.WarmAsync(Summary);
        var salesBList = await _salesB.WarmAsync(List);
        var salesBSummary = await _salesB.WarmAsync(Summary);

        var response = await _salesA.PatchAsJsonAsync($"{LeadUrl(lead.Id)}/status", new { status = nameof(LeadStatus.Lost), version = lead.Version });
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var client in new[] { _salesA, _admin })
        {
            (await FreshAsync(client, LeadUrl(lead.Id))).As<LeadDto>().Status.Should().Be(LeadStatus.Lost);
            (await PageAfterChangeAsync(client, List)).As<PagedResult<LeadDto>>().Items.Single(l => l.Id == lead.Id).Status.Should().Be(LeadStatus.Lost);
        }

        foreach (var (client, before) in new[] { (_salesA, salesASummary), (_admin, adminSummary) })
        {
            var summary = (await FreshAsync(client, Summary)).As<LeadsSummaryDto>();
            summary.ByStatus[nameof(LeadStatus.Lost)].Should().Be(before.As<LeadsSummaryDto>().ByStatus[nameof(LeadStatus.Lost)] + 1);
            summary.ByStatus[lead.Status.ToString()].Should().Be(before.As<LeadsSummaryDto>().ByStatus[lead.Status.ToString()] - 1);
        }

        (await _salesA.ReadAsync(LeadUrl(lead.Id), salesARead.ETag)).Status.Should().Be(HttpStatusCode.OK);
        await UnchangedAsync(_salesB, List, salesBList);
        await UnchangedAsync(_salesB, Summary, salesBSummary);
    }

    [Fact]
    public async Task Deleting_a_lead_removes_it_from_every_read_of_every_scope_that_saw_it()
    {
        var lead = await OpenLeadAsync(DemoData.TeamA);
        await _salesA.WarmAsync(LeadUrl(lead.Id));
        await _admin.WarmAsync(LeadUrl(lead.Id));
        var salesAList = await _salesA.WarmAsync(List);
        var adminList = await _admin.WarmAsync(List);
        var salesASummary = await _salesA.WarmAsync(Summary);
        var adminSummary = await _admin.WarmAsync(Summary);
        var salesBList = await _salesB.WarmAsync(List);
        var salesBSummary = await _salesB.WarmAsync(Summary);
        var categories = await _admin.WarmAsync(Categories);

        (await _salesA.DeleteAsync($"{LeadUrl(lead.Id)}?version={lead.Version}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        foreach (var (client, list, summary) in new[] { (_salesA, salesAList, salesASummary), (_admin, adminList, adminSummary) })
        {
            (await FreshAsync(client, LeadUrl(lead.Id))).Status.Should().Be(HttpStatusCode.NotFound);
            var page = (await PageAfterChangeAsync(client, List)).As<PagedResult<LeadDto>>();
            page.Items.Should().NotContain(l => l.Id == lead.Id);
            page.TotalCount.Should().Be(list.As<PagedResult<LeadDto>>().TotalCount - 1);
            (await FreshAsync(client, Summary)).As<LeadsSummaryDto>().Total.Should().Be(summary.As<LeadsSummaryDto>().Total - 1);
        }

        await UnchangedAsync(_salesB, List, salesBList);
        await UnchangedAsync(_salesB, Summary, salesBSummary);
        await UnchangedAsync(_admin, Categories, categories);
    }

    [Fact]
    public async Task Renaming_a_category_shows_the_new_name_in_the_category_list_and_in_every_lead_read_of_every_scope()
    {
        var lead = await OpenLeadAsync(DemoData.TeamA);
        var category = DemoData.Categories.Single(c => c.Id == lead.CategoryId);
        var reads = new[] { (_salesA, "sales-a"), (_salesB, "sales-b"), (_admin, "admin") };
        await _salesA.WarmAsync(Categories);
        await _salesA.WarmAsync(LeadUrl(lead.Id));
        await _admin.WarmAsync(LeadUrl(lead.Id));
        foreach (var (client, _) in reads)
        {
            await client.WarmAsync(List);
            await client.WarmAsync(Summary);
        }

        var staticConfig = await _salesA.WarmAsync(StaticConfig);

        var rename = await _admin.PutAsJsonAsync($"{Categories}/{category.Id}", new { name = "Renamed category", description = "after the rename" });
        rename.StatusCode.Should().Be(HttpStatusCode.OK);

        var list = (await FreshAsync(_salesA, Categories)).As<IReadOnlyList<CategoryDto>>();
        list.Single(c => c.Id == category.Id).Name.Should().Be("Renamed category");
        list.Should().NotContain(c => c.Name == category.Name);

        foreach (var client in new[] { _salesA, _admin })
        {
            (await FreshAsync(client, LeadUrl(lead.Id))).As<LeadDto>().CategoryName.Should().Be("Renamed category");
        }

        foreach (var (client, scope) in reads)
        {
            var page = (await PageAfterChangeAsync(client, List)).As<PagedResult<LeadDto>>();
            page.Items.Where(l => l.CategoryId == category.Id).Should().OnlyContain(l => l.CategoryName == "Renamed category", "{0} shows category names", scope);
            page.Items.Should().NotContain(l => l.CategoryName == category.Name);

            // The summary shows names, so it is reloaded; the counts it is built from do not, so they stay cached.
            var summaryRead = await FreshAsync(client, Summary);
            summaryRead.Policy("LeadCounts").Should().StartWith("leads-db; hit", "the counts of {0} do not contain category names", scope);
            var byCategory = summaryRead.As<LeadsSummaryDto>().ByCategory;
            byCategory.Where(c => c.CategoryId == category.Id).Should().OnlyContain(c => c.CategoryName == "Renamed category");
            byCategory.Should().NotContain(c => c.CategoryName == category.Name);
        }

        (await _salesA.ReadAsync(LeadUrl(lead.Id))).Policy("UserAccess").Should().StartWith("leads-db; hit");
        await UnchangedAsync(_salesA, StaticConfig, staticConfig);
    }

    [Fact]
    public async Task Creating_a_category_adds_it_to_the_category_list()
    {
        var categories = await _salesA.WarmAsync(Categories);
        var staticConfig = await _salesA.WarmAsync(StaticConfig);

        var response = await _admin.PostAsJsonAsync(Categories, new { name = "Nonprofit", description = "Charities" });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<CategoryDto>(CachedRead.Json))!;

        var list = (await FreshAsync(_salesA, Categories)).As<IReadOnlyList<CategoryDto>>();
        list.Should().ContainSingle(c => c.Id == created.Id).Which.Name.Should().Be("Nonprofit");
        list.Should().HaveCount(categories.As<IReadOnlyList<CategoryDto>>().Count + 1);
        await UnchangedAsync(_salesA, StaticConfig, staticConfig);
    }

    [Fact]
    public async Task Deleting_a_category_removes_it_from_the_category_list()
    {
        var created = await _admin.PostAsJsonAsync(Categories, new { name = "Short-lived", description = (string?)null });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var category = (await created.Content.ReadFromJsonAsync<CategoryDto>(CachedRead.Json))!;
        (await _salesA.WarmAsync(Categories)).As<IReadOnlyList<CategoryDto>>().Should().Contain(c => c.Id == category.Id);
        var staticConfig = await _salesA.WarmAsync(StaticConfig);

        (await _admin.DeleteAsync($"{Categories}/{category.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var list = (await FreshAsync(_salesA, Categories)).As<IReadOnlyList<CategoryDto>>();
        list.Should().NotContain(c => c.Id == category.Id);
        list.Should().HaveCount(DemoData.Categories.Count);
        await UnchangedAsync(_salesA, StaticConfig, staticConfig);
    }

    [Fact]
    public async Task Changing_a_users_teams_applies_on_their_next_request_and_leaves_other_users_cached()
    {
        var teamALead = await OpenLeadAsync(DemoData.TeamA);
        await _salesA.WarmAsync(List);
        await _salesA.WarmAsync(LeadUrl(teamALead.Id));
        var salesBList = await _salesB.WarmAsync(List);

        var response = await _admin.PutAsJsonAsync(
            $"/api/admin/users/{DemoData.SalesAUser}/access",
            new { role = "Member", teamIds = new[] { DemoData.TeamB }, isActive = true });
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var list = await _salesA.ReadAsync(List);
        list.Policy("UserAccess").Should().StartWith("leads-db; fwd=miss", "the cached access of sales-a is outdated");
        list.As<PagedResult<LeadDto>>().Items.Should().NotBeEmpty().And.OnlyContain(l => l.TeamId == DemoData.TeamB);
        (await _salesA.ReadAsync(LeadUrl(teamALead.Id))).Status.Should().Be(HttpStatusCode.NotFound);

        var salesB = await _salesB.ReadAsync(List);
        salesB.Policy("UserAccess").Should().StartWith("leads-db; hit", "the access of sales-b did not change");
        salesB.IsCacheHit.Should().BeTrue();
        salesB.Body.Should().Be(salesBList.Body);
    }

    [Fact]
    public async Task A_member_of_two_teams_sees_changes_in_either_team_while_a_member_of_one_team_keeps_its_cache()
    {
        var access = await _admin.PutAsJsonAsync(
            $"/api/admin/users/{DemoData.SalesAUser}/access",
            new { role = "Member", teamIds = new[] { DemoData.TeamA, DemoData.TeamB }, isActive = true });
        access.StatusCode.Should().Be(HttpStatusCode.OK);
        var teamBLead = await OpenLeadAsync(DemoData.TeamB);
        var salesAList = await _salesA.WarmAsync(List);
        salesAList.As<PagedResult<LeadDto>>().Items.Select(l => l.TeamId).Distinct().Should().BeEquivalentTo([DemoData.TeamA, DemoData.TeamB]);
        await _salesA.WarmAsync(Summary);
        var salesBSummary = await _salesB.WarmAsync(Summary);

        // A change in team A only: the two-team scope depends on it, sales-b (team B) does not.
        var teamALead = await OpenLeadAsync(DemoData.TeamA);
        var statusA = await _admin.PatchAsJsonAsync($"{LeadUrl(teamALead.Id)}/status", new { status = nameof(LeadStatus.Lost), version = teamALead.Version });
        statusA.StatusCode.Should().Be(HttpStatusCode.OK);
        (await PageAfterChangeAsync(_salesA, List)).As<PagedResult<LeadDto>>().Items.Single(l => l.Id == teamALead.Id).Status.Should().Be(LeadStatus.Lost);
        await UnchangedAsync(_salesB, Summary, salesBSummary);

        // A change in team B: both scopes depend on it.
        await _salesA.WarmAsync(List);
        var update = LeadRequests.Update(teamBLead) with { Name = "Seen by two teams" };
        (await _salesB.PutAsJsonAsync(LeadUrl(teamBLead.Id), update, CachedRead.Json)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PageAfterChangeAsync(_salesA, List)).As<PagedResult<LeadDto>>().Items.Single(l => l.Id == teamBLead.Id).Name.Should().Be("Seen by two teams");
        await UnchangedAsync(_salesB, Summary, salesBSummary); // a rename changes no count
    }

    [Fact]
    public async Task Deactivating_a_user_rejects_their_next_request()
    {
        await _salesA.WarmAsync(List);

        var response = await _admin.PutAsJsonAsync(
            $"/api/admin/users/{DemoData.SalesAUser}/access",
            new { role = "Member", teamIds = new[] { DemoData.TeamA }, isActive = false });
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        (await _salesA.ReadAsync(List)).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await _salesB.ReadAsync(List)).Status.Should().Be(HttpStatusCode.OK);
    }

    private static string LeadUrl(Guid id) => $"/api/leads/{id}";

    private async Task<HttpResponseMessage> PutIfMatchAsync(string url, object body, System.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: CachedRead.Json) };
        request.Headers.IfMatch.Add(etag);
        return await _salesA.SendAsync(request);
    }

    private static int CountOf(IReadOnlyList<CategoryCountDto> counts, Guid categoryId) =>
        counts.SingleOrDefault(c => c.CategoryId == categoryId)?.Count ?? 0;

    private static async Task<CachedRead> FreshAsync(HttpClient client, string url)
    {
        var read = await client.ReadAsync(url);
        read.IsCacheHit.Should().BeFalse("{0} depends on the change, so its cached answer must not be served (Cache-Status: {1})", url, read.CacheStatus);
        return read;
    }

    /// <summary>
    /// A list page read after a change. Its cached ids may rightly still be served (an edit that does not move the
    /// lead in or out of the page, or within its order, leaves them valid), and its bodies may already be fresh in
    /// the cache (the write reloaded them), so a full hit is allowed; the caller asserts that the content shows the
    /// change.
    /// </summary>
    private static async Task<CachedRead> PageAfterChangeAsync(HttpClient client, string url)
    {
        var read = await client.ReadAsync(url);
        read.Status.Should().Be(HttpStatusCode.OK);
        return read;
    }

    private static async Task UnchangedAsync(HttpClient client, string url, CachedRead warmed)
    {
        var read = await client.ReadAsync(url);
        read.IsCacheHit.Should().BeTrue("{0} does not depend on the change, so its cached answer stays valid (Cache-Status: {1})", url, read.CacheStatus);
        read.Body.Should().Be(warmed.Body);
    }

    /// <summary>A lead of <paramref name="teamId"/> that can still move along the pipeline (neither won nor lost).</summary>
    private Task<Lead> OpenLeadAsync(Guid teamId, int skip = 0) =>
        Factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == teamId && l.Status != LeadStatus.Won && l.Status != LeadStatus.Lost)
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Skip(skip)
            .FirstAsync());
}
