using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Leads.Infrastructure.Persistence.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Leads.IntegrationTests.Browser;

/// <summary>The operators' dashboard at /admin/cache in a real browser (Debian chromium), against the real API, Postgres and Redis.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CacheDashboardBrowserTests(DashboardApiFactory api, Chromium chromium) : IAsyncLifetime
{
    public Task InitializeAsync() => api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Admin_sees_charts_and_the_heat_map_with_real_key_names_and_invalidates_after_confirming()
    {
        var leadId = await MakeTrafficAsync();
        await using var dashboard = await DashboardPage.OpenAsync(chromium, api.ServerAddress);
        var page = dashboard.Page;

        await dashboard.SignInAsync(DemoData.AdminName, DemoData.AdminPassword);

        await Expect(page.Locator("#dashboard")).ToBeVisibleAsync();
        await Expect(page.Locator("#instance")).ToContainTextAsync("answering instance");
        foreach (var chart in new[] { "levels", "tiers", "rps", "redis", "l1" })
        {
            await Expect(page.Locator($"#chart-{chart} canvas")).ToHaveCountAsync(1);
        }

        await Expect(page.Locator("#tile-circuit")).ToHaveTextAsync("closed");
        await Expect(page.Locator("#heatmap-api th.key", new() { HasTextRegex = new Regex("^api:LeadById:.*" + leadId.ToString("N") + "$") })).ToBeVisibleAsync();
        await Expect(page.Locator("#heatmap-http th.key", new() { HasText = $"http:/api/leads/{leadId}" })).ToBeVisibleAsync();
        await Expect(page.Locator("#heatmap-db th.key", new() { HasTextRegex = new Regex("^db:LeadRecord:") }).First).ToBeVisibleAsync();
        (await page.Locator("#heatmap-api td.cell").CountAsync()).Should().BePositive();

        // Cancelling sends nothing; confirming removes the entries and says how many went.
        await page.Locator("#invalidate-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#inv-confirm")).ToBeVisibleAsync();
        await page.Locator("#inv-no").ClickAsync();
        await Expect(page.Locator("#inv-result")).ToHaveTextAsync("Cancelled.");
        (await CachedEntriesAsync()).Should().BePositive("cancelling must not invalidate");

        await page.Locator("#invalidate-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#inv-confirm-text")).ToContainTextAsync("Remove every entry");
        await page.Locator("#inv-yes").ClickAsync();

        await Expect(page.Locator("#inv-result")).ToHaveTextAsync(new Regex(@"^Removed [1-9]\d* entries \(all\)\.$"));
        await Expect(page.Locator("#inv-confirm")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = ScreenshotPath(), FullPage = true });
        dashboard.ScriptErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_member_is_told_the_page_is_for_admins_and_sees_no_cache_data()
    {
        await MakeTrafficAsync();
        await using var dashboard = await DashboardPage.OpenAsync(chromium, api.ServerAddress);
        var page = dashboard.Page;

        await dashboard.SignInAsync(DemoData.SalesAName, DemoData.SalesAPassword);

        await Expect(page.Locator("#refused")).ToBeVisibleAsync();
        await Expect(page.Locator("#refused")).ToContainTextAsync("This page is for admins");
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        await Expect(page.Locator("#heatmaps > *")).ToHaveCountAsync(0);
        await Expect(page.Locator("canvas")).ToHaveCountAsync(0);
        (await page.Locator("body").InnerTextAsync()).Should().NotContain("api:").And.NotContain("db:");
        dashboard.ScriptErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Wrong_password_and_expired_token_both_lead_back_to_sign_in()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium, api.ServerAddress);
        var page = dashboard.Page;

        await dashboard.SignInAsync(DemoData.AdminName, "not-the-password");
        await Expect(page.Locator("#signin-message")).ToContainTextAsync("Sign-in failed");

        await dashboard.SignInAsync(DemoData.AdminName, DemoData.AdminPassword);
        await Expect(page.Locator("#dashboard")).ToBeVisibleAsync();

        // What the API answers once the token has expired: 401. The next refresh must return to the sign-in form.
        await page.RouteAsync("**/api/admin/cache/timeline*", route => route.FulfillAsync(new() { Status = (int)HttpStatusCode.Unauthorized }));
        await Expect(page.Locator("#signin")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#signin-message")).ToHaveTextAsync("Your session expired. Sign in again.");
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        await Expect(page.Locator("canvas")).ToHaveCountAsync(0);
        dashboard.ScriptErrors.Should().BeEmpty();
    }

    /// <summary>A list page, a lead read and then revalidated: all three levels see lookups. Returns the lead's id.</summary>
    private async Task<Guid> MakeTrafficAsync()
    {
        using var salesA = await api.CreateSocketClientAsync(DemoData.SalesAName, DemoData.SalesAPassword);
        var page = JsonDocument.Parse(await salesA.GetStringAsync("/api/leads?pageSize=5")).RootElement;
        var id = page.GetProperty("items")[0].GetProperty("id").GetGuid();
        var first = await salesA.GetAsync($"/api/leads/{id}");
        first.EnsureSuccessStatusCode();
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{id}");
            request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            (await salesA.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        }

        return id;
    }

    private async Task<long> CachedEntriesAsync()
    {
        using var admin = await api.CreateSocketClientAsync(DemoData.AdminName, DemoData.AdminPassword);
        var timeline = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/cache/timeline")).RootElement;
        var points = timeline.GetProperty("points");
        return points[points.GetArrayLength() - 1].GetProperty("l1Entries").GetInt64();
    }

    /// <summary>artifacts/dashboard.png at the repository root (docs/ keeps a copy chosen by hand).</summary>
    private static string ScreenshotPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Leads.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "dashboard.png");
    }
}
