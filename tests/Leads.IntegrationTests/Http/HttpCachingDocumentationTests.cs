using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Api;
using Leads.IntegrationTests.Infrastructure;
using static Leads.IntegrationTests.Http.HttpCacheHeaders;
using static Leads.IntegrationTests.Http.LeadsApiCalls;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// Keeps docs/http-caching.md honest: every row of its header table is requested against the live API (real
/// Kestrel, default settings) and the Cache-Control the API sends must be the one the table shows.
/// </summary>
[Collection(KestrelCollection.Name)]
public sealed partial class HttpCachingDocumentationTests(KestrelLeadsApiFactory factory) : IAsyncLifetime
{
    private static readonly string[] CacheableGetRows =
        ["GET /api/static/config", "GET /api/leads/categories", "GET /api/leads", "GET /api/leads/{id}", "GET /api/leads/summary"];

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Header_table_lists_every_cacheable_get_and_the_error_row()
    {
        var rows = ReadTable();

        rows.Select(r => r.Endpoint).Should().Contain(CacheableGetRows);
        rows.Should().Contain(r => r.Endpoint.StartsWith("errors", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Every_row_of_the_header_table_matches_the_cache_control_the_api_sends()
    {
        var rows = ReadTable();
        var mismatches = new List<string>();

        foreach (var row in rows)
        {
            foreach (var (request, response) in await ExecuteAsync(row))
            {
                var actual = CacheControl(response);
                if (actual != row.CacheControl)
                {
                    mismatches.Add($"{row.Endpoint}: {request} answered {(int)response.StatusCode} with Cache-Control '{actual}', the doc says '{row.CacheControl}'");
                }
            }
        }

        mismatches.Should().BeEmpty();
    }

    private async Task<IReadOnlyList<(string Request, HttpResponseMessage Response)>> ExecuteAsync(DocRow row)
    {
        if (row.Endpoint.StartsWith("errors", StringComparison.OrdinalIgnoreCase))
        {
            var codes = StatusCode().Matches(row.Endpoint).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            codes.Should().NotBeEmpty("the error row names the status codes it covers");
            var results = new List<(string, HttpResponseMessage)>();
            foreach (var code in codes)
            {
                var response = await ErrorAsync(code);
                response.StatusCode.Should().Be((HttpStatusCode)code, "the request chosen for {0} must produce it", code);
                results.Add(($"a request failing with {code}", response));
            }

            return results;
        }

        var match = Endpoint().Match(row.Endpoint);
        match.Success.Should().BeTrue("'{0}' should read 'METHOD /path' or 'errors …'", row.Endpoint);
        var method = match.Groups["method"].Value;
        var path = match.Groups["path"].Value;
        var ok = await SuccessAsync(method, path);
        ok.IsSuccessStatusCode.Should().BeTrue("{0} {1} should succeed, got {2}", method, path, ok.StatusCode);
        return [($"{method} {path}", ok)];
    }

    /// <summary>A successful request for each documented endpoint; an endpoint added to the table needs a line here.</summary>
    private async Task<HttpResponseMessage> SuccessAsync(string method, string path)
    {
        var salesA = await factory.CreateSalesAClientAsync();
        var admin = await factory.CreateAdminClientAsync();
        switch ($"{method} {path}")
        {
            case "GET /api/static/config" or "GET /admin/cache":
                return await factory.CreateClient().GetAsync(path);
            case "GET /api/admin/cache/timeline":
                return await admin.GetAsync(path);
            case "GET /api/leads/categories" or "GET /api/leads" or "GET /api/leads/summary":
                return await salesA.GetAsync(path);
            case "GET /api/leads/{id}":
                return await salesA.GetAsync(await ResolveAsync(salesA, path));
            case "POST /api/auth/token":
                return await factory.CreateClient().PostAsJsonAsync(path, new { username = DemoData.SalesAName, password = DemoData.SalesAPassword });
            case "POST /api/leads":
                return await salesA.PostAsync(path, JsonContent.Create(LeadRequests.Body(DemoData.TeamA)));
            case "PUT /api/leads/{id}":
                var lead = await FirstLeadAsync(salesA);
                return await salesA.PutAsync($"/api/leads/{lead["id"]}", JsonContent.Create(LeadRequests.From(lead, "Documented")));
            case "PATCH /api/leads/{id}/status":
                return await salesA.PatchAsync($"/api/leads/{await FirstLeadIdAsync(salesA, "status=New")}/status", JsonContent.Create(new { status = "Contacted" }));
            case "DELETE /api/leads/{id}":
                return await salesA.DeleteAsync($"/api/leads/{await FirstLeadIdAsync(salesA)}");
            case "POST /api/leads/categories":
                return await admin.PostAsync(path, CategoryBody());
            case "PUT /api/leads/categories/{id}":
                return await admin.PutAsync(await NewCategoryAsync(admin), CategoryBody());
            case "DELETE /api/leads/categories/{id}":
                return await admin.DeleteAsync(await NewCategoryAsync(admin));
            default:
                throw new InvalidOperationException($"docs/http-caching.md documents '{method} {path}' but this test has no request for it.");
        }
    }

    private async Task<HttpResponseMessage> ErrorAsync(int status)
    {
        var salesA = await factory.CreateSalesAClientAsync();
        switch (status)
        {
            case 400:
                return await salesA.GetAsync("/api/leads?pageSize=1000");
            case 401:
                return await factory.CreateClient().GetAsync("/api/leads");
            case 403:
                return await salesA.PostAsync("/api/leads", JsonContent.Create(LeadRequests.Body(DemoData.TeamB)));
            case 404:
                return await salesA.GetAsync($"/api/leads/{Guid.NewGuid()}");
            case 409:
                var lead = await FirstLeadAsync(salesA, "status=New");
                return await salesA.PatchAsync($"/api/leads/{lead["id"]}/status", JsonContent.Create(new { status = "Won" }));
            case 412:
                return await SendAsync(
                    salesA, HttpMethod.Delete, $"/api/leads/{await FirstLeadIdAsync(salesA)}",
                    r => r.Headers.TryAddWithoutValidation("If-Match", "W/\"0000000000000000\""));
            case 413:
                return await salesA.PostAsync("/api/leads", new StringContent(new string(' ', 128 * 1024) + "{}", Encoding.UTF8, "application/json"));
            default:
                throw new InvalidOperationException($"docs/http-caching.md lists error {status} but this test cannot produce it.");
        }
    }

    private static JsonContent CategoryBody() => JsonContent.Create(new { name = "Documented " + Guid.NewGuid().ToString("N")[..6], description = "from the docs test" });

    private static async Task<string> NewCategoryAsync(HttpClient admin)
    {
        var created = await admin.PostAsync("/api/leads/categories", CategoryBody());
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        return created.Headers.Location!.ToString();
    }

    private static List<DocRow> ReadTable()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "http-caching.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| endpoint | Cache-Control |", StringComparison.Ordinal));
        header.Should().BeGreaterThanOrEqualTo(0, "docs/http-caching.md has a table starting '| endpoint | Cache-Control |'");

        var rows = new List<DocRow>();
        foreach (var line in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            cells.Length.Should().Be(4, "every row has endpoint | Cache-Control | validator | notes: {0}", line);
            rows.Add(new DocRow(cells[0].Replace("`", string.Empty, StringComparison.Ordinal), cells[1].Replace("`", string.Empty, StringComparison.Ordinal)));
        }

        rows.Should().NotBeEmpty();
        return rows;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Leads.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Leads.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^(?<method>GET|HEAD|POST|PUT|PATCH|DELETE) (?<path>/\S+)$")]
    private static partial Regex Endpoint();

    [GeneratedRegex(@"\b[45]\d\d\b")]
    private static partial Regex StatusCode();

    private sealed record DocRow(string Endpoint, string CacheControl);
}
