using System.Net;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Api;

/// <summary>GET /api/leads: paging, filters, search and sort, checked against what the database holds.</summary>
public sealed class LeadListTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task List_reports_the_total_and_returns_one_page()
    {
        var client = await Factory.CreateAdminClientAsync();

        var page = await GetPageAsync(client, "/api/leads?page=1&pageSize=7");

        page.TotalCount.Should().Be(LeadsApiFactory.SeedLeads);
        page.Page.Should().Be(1);
        page.PageSize.Should().Be(7);
        page.Items.Should().HaveCount(7);
        page.TotalPages.Should().Be((LeadsApiFactory.SeedLeads + 6) / 7);
    }

    [Fact]
    public async Task List_uses_25_per_page_by_default()
    {
        var client = await Factory.CreateAdminClientAsync();

        var page = await GetPageAsync(client, "/api/leads");

        page.PageSize.Should().Be(25);
        page.Items.Should().HaveCount(25);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats()
    {
        var client = await Factory.CreateAdminClientAsync();

        var all = await GetPageAsync(client, "/api/leads?pageSize=100");
        var pages = new List<LeadDto>();
        for (var number = 1; number <= 3; number++)
        {
            pages.AddRange((await GetPageAsync(client, $"/api/leads?page={number}&pageSize=20")).Items);
        }

        pages.Select(l => l.Id).Should().Equal(all.Items.Select(l => l.Id));
    }

    [Fact]
    public async Task A_page_beyond_the_end_is_empty_but_keeps_the_total()
    {
        var client = await Factory.CreateAdminClientAsync();

        var page = await GetPageAsync(client, "/api/leads?page=50&pageSize=10");

        page.Items.Should().BeEmpty();
        page.TotalCount.Should().Be(LeadsApiFactory.SeedLeads);
        page.Page.Should().Be(50);
    }

    [Fact]
    public async Task The_last_page_holds_the_remainder()
    {
        var client = await Factory.CreateAdminClientAsync();

        var page = await GetPageAsync(client, "/api/leads?page=3&pageSize=25");

        page.Items.Should().HaveCount(LeadsApiFactory.SeedLeads - 50);
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("sort=email", "sort")]
    [InlineData("sort=--name", "sort")]
    public async Task Out_of_range_paging_or_unknown_sort_is_400(string query, string field)
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.GetAsync($"/api/leads?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Page_size_100_is_the_largest_accepted()
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.GetAsync("/api/leads?pageSize=100");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Search_longer_than_100_characters_is_400()
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.GetAsync($"/api/leads?search={new string('x', 101)}");

        await response.ShouldBeValidationProblemAsync("search");
    }

    [Fact]
    public async Task Unknown_status_value_is_400()
    {
        var client = await Factory.CreateAdminClientAsync();

        var response = await client.GetAsync("/api/leads?status=Bogus");

        await response.ShouldBeValidationProblemAsync("status");
    }

    [Theory]
    [InlineData(LeadStatus.New)]
    [InlineData(LeadStatus.Won)]
    [InlineData(LeadStatus.Lost)]
    public async Task Filter_by_status_returns_exactly_the_leads_in_that_status(LeadStatus status)
    {
        var client = await Factory.CreateAdminClientAsync();
        var expected = await Factory.WithDbAsync(db => db.Leads.Where(l => l.Status == status).Select(l => l.Id).ToListAsync());

        var page = await GetPageAsync(client, $"/api/leads?status={status}&pageSize=100");

        page.TotalCount.Should().Be(expected.Count);
        page.Items.Should().OnlyContain(l => l.Status == status);
        page.Items.Select(l => l.Id).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task Filter_by_category_returns_exactly_the_leads_of_that_category()
    {
        var client = await Factory.CreateAdminClientAsync();
        var category = DemoData.Categories[2];
        var expected = await Factory.WithDbAsync(db => db.Leads.Where(l => l.CategoryId == category.Id).Select(l => l.Id).ToListAsync());

        var page = await GetPageAsync(client, $"/api/leads?categoryId={category.Id}&pageSize=100");

        page.Items.Select(l => l.Id).Should().BeEquivalentTo(expected);
        page.Items.Should().OnlyContain(l => l.CategoryName == category.Name);
    }

    [Fact]
    public async Task Filters_combine_with_the_callers_scope()
    {
        var client = await Factory.CreateSalesAClientAsync();
        var expected = await Factory.WithDbAsync(db => db.Leads
            .Where(l => l.TeamId == DemoData.TeamA && l.Status == LeadStatus.New).Select(l => l.Id).ToListAsync());

        var page = await GetPageAsync(client, "/api/leads?status=New&pageSize=100");

        page.Items.Select(l => l.Id).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task Search_matches_name_company_or_email_ignoring_case()
    {
        var client = await Factory.CreateAdminClientAsync();
        var expected = await Factory.WithDbAsync(db => db.Leads
            .Where(l => l.Name.ToLower().Contains("hopper") || l.Company.ToLower().Contains("hopper") || l.Email.ToLower().Contains("hopper"))
            .Select(l => l.Id).ToListAsync());

        var page = await GetPageAsync(client, "/api/leads?search=HoPPer&pageSize=100");

        expected.Should().NotBeEmpty("the seed has leads named Hopper");
        page.Items.Select(l => l.Id).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task Search_for_a_company_finds_its_leads()
    {
        var client = await Factory.CreateAdminClientAsync();
        var expected = await Factory.WithDbAsync(db => db.Leads.CountAsync(l => l.Company == "Globex" || l.Email.Contains("globex")));

        var page = await GetPageAsync(client, "/api/leads?search=globex&pageSize=100");

        page.TotalCount.Should().Be(expected).And.BeGreaterThan(0);
        page.Items.Should().OnlyContain(l => l.Company == "Globex" || l.Email.Contains("globex"));
    }

    [Fact]
    public async Task Search_treats_percent_and_underscore_as_plain_characters()
    {
        var client = await Factory.CreateAdminClientAsync();
        var percent = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA, name: "Growth 100% Deal"));
        var underscore = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA, company: "Under_Score Ltd"));
        var backslash = await LeadRequests.CreateAsync(client, LeadRequests.Body(DemoData.TeamA, company: @"Back\Slash Inc"));

        var byPercent = await GetPageAsync(client, "/api/leads?search=%25&pageSize=100");
        var byUnderscore = await GetPageAsync(client, "/api/leads?search=_&pageSize=100");
        var byPattern = await GetPageAsync(client, "/api/leads?search=100%25%20D&pageSize=100");
        var byWildcardLookalike = await GetPageAsync(client, "/api/leads?search=Under%25Ltd&pageSize=100");

        byPercent.Items.Select(l => l.Id).Should().Equal(percent.Id);
        byUnderscore.Items.Select(l => l.Id).Should().Equal(underscore.Id);
        byPattern.Items.Select(l => l.Id).Should().Equal(percent.Id);
        byWildcardLookalike.Items.Should().BeEmpty();
        (await GetPageAsync(client, "/api/leads?search=%5C&pageSize=100")).Items.Select(l => l.Id).Should().Equal(backslash.Id);
    }

    [Fact]
    public async Task Search_without_a_match_is_an_empty_page()
    {
        var client = await Factory.CreateAdminClientAsync();

        var page = await GetPageAsync(client, "/api/leads?search=zzz-no-such-lead");

        page.TotalCount.Should().Be(0);
        page.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Default_order_is_newest_first()
    {
        var client = await Factory.CreateAdminClientAsync();

        var page = await GetPageAsync(client, "/api/leads?pageSize=100");

        page.Items.Select(l => l.CreatedAt).Should().BeInDescendingOrder();
    }

    [Theory]
    [InlineData("estimatedValue")]
    [InlineData("-estimatedValue")]
    [InlineData("score")]
    [InlineData("-score")]
    [InlineData("createdAt")]
    [InlineData("name")]
    [InlineData("-company")]
    public async Task Sort_orders_the_whole_list_like_the_database(string sort)
    {
        var client = await Factory.CreateAdminClientAsync();
        var expected = await Factory.WithDbAsync(db => Ordered(db.Leads, sort).ThenBy(l => l.Id).Select(l => l.Id).ToListAsync());

        var page = await GetPageAsync(client, $"/api/leads?sort={sort}&pageSize=100");

        page.Items.Select(l => l.Id).Should().Equal(expected);
    }

    [Fact]
    public async Task Sort_by_value_is_monotonic()
    {
        var client = await Factory.CreateAdminClientAsync();

        var ascending = await GetPageAsync(client, "/api/leads?sort=estimatedValue&pageSize=100");
        var descending = await GetPageAsync(client, "/api/leads?sort=-estimatedValue&pageSize=100");

        ascending.Items.Select(l => l.EstimatedValue).Should().BeInAscendingOrder();
        descending.Items.Select(l => l.EstimatedValue).Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task Sort_by_status_follows_the_pipeline_not_the_alphabet()
    {
        var client = await Factory.CreateAdminClientAsync();

        var ascending = await GetPageAsync(client, "/api/leads?sort=status&pageSize=100");
        var descending = await GetPageAsync(client, "/api/leads?sort=-status&pageSize=100");

        ascending.Items.Select(l => (int)l.Status).Should().BeInAscendingOrder();
        descending.Items.Select(l => (int)l.Status).Should().BeInDescendingOrder();
        ascending.Items.Select(l => l.Status).Distinct().Should().HaveCountGreaterThan(3, "the seed spreads leads over the pipeline");
    }

    private static IOrderedQueryable<Lead> Ordered(IQueryable<Lead> leads, string sort) => sort switch
    {
        "estimatedValue" => leads.OrderBy(l => l.EstimatedValue),
        "-estimatedValue" => leads.OrderByDescending(l => l.EstimatedValue),
        "score" => leads.OrderBy(l => l.Score),
        "-score" => leads.OrderByDescending(l => l.Score),
        "createdAt" => leads.OrderBy(l => l.CreatedAt),
        "name" => leads.OrderBy(l => l.Name),
        "-company" => leads.OrderByDescending(l => l.Company),
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    };

    private static async Task<PagedResult<LeadDto>> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<PagedResult<LeadDto>>();
    }
}
