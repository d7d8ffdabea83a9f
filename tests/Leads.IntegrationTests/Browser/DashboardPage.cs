using Microsoft.Playwright;

namespace Leads.IntegrationTests.Browser;

/// <summary>One tab on /admin/cache that records script errors (uncaught exceptions and console errors).</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        Page.PageError += (_, error) => ScriptErrors.Add("uncaught: " + error);
        Page.Console += (_, message) =>
        {
            // A refused request (403, the 401 of an expired token) is logged by the browser as a failed resource
            // load; that is the page working as specified, not a script error.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                ScriptErrors.Add("console: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    public List<string> ScriptErrors { get; } = [];

    public static async Task<DashboardPage> OpenAsync(Chromium chromium, Uri server)
    {
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = new DashboardPage(context, await context.NewPageAsync());
        var response = await page.Page.GotoAsync("/admin/cache");
        if (response is not { Ok: true })
        {
            throw new InvalidOperationException($"/admin/cache answered {response?.Status}");
        }

        return page;
    }

    public async Task SignInAsync(string userName, string password)
    {
        await Page.Locator("input[name=username]").FillAsync(userName);
        await Page.Locator("input[name=password]").FillAsync(password);
        await Page.Locator("#signin-form button[type=submit]").ClickAsync();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
