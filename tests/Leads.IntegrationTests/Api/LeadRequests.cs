using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Persistence.Seeding;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// The one builder of lead request bodies (create and update), valid unless a test changes a field. Bodies are
/// dictionaries so that a test can drop or mistype a field the way a client could.
/// </summary>
internal static class LeadRequests
{
    public static Guid Enterprise => DemoData.Categories[0].Id;

    public static Guid MidMarket => DemoData.Categories[1].Id;

    public static Dictionary<string, object?> Body(Guid? teamId = null, string name = "Ada Lovelace", string company = "Analytical Engines", Guid? categoryId = null) => new()
    {
        ["name"] = name,
        ["email"] = "ada@analytical.example",
        ["company"] = company,
        ["phone"] = "+44 20 7946 0000",
        ["source"] = "Referral",
        ["categoryId"] = categoryId ?? Enterprise,
        ["estimatedValue"] = 12500m,
        ["score"] = 80,
        ["notes"] = "Met at the expo.",
        ["teamId"] = teamId,
        ["ownerUserId"] = null,
    };

    /// <summary>
    /// An update (PUT) body that keeps every field of <paramref name="lead"/> as the API returned it, optionally
    /// renamed; without <paramref name="version"/> only an If-Match header (or nothing) guards the write.
    /// </summary>
    public static Dictionary<string, object?> From(JsonObject lead, string? name = null, long? version = null) => new()
    {
        ["name"] = name ?? lead["name"]!.GetValue<string>(),
        ["email"] = lead["email"]!.GetValue<string>(),
        ["company"] = lead["company"]!.GetValue<string>(),
        ["phone"] = lead["phone"]?.GetValue<string>(),
        ["source"] = lead["source"]!.GetValue<string>(),
        ["categoryId"] = lead["categoryId"]!.GetValue<Guid>(),
        ["estimatedValue"] = lead["estimatedValue"]!.GetValue<decimal>(),
        ["score"] = lead["score"]!.GetValue<int>(),
        ["notes"] = lead["notes"]?.GetValue<string>(),
        ["teamId"] = lead["teamId"]!.GetValue<Guid>(),
        ["ownerUserId"] = lead["ownerUserId"]?.GetValue<Guid>(),
        ["version"] = version,
    };

    public static async Task<LeadDto> CreateAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/leads", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<LeadDto>();
    }
}
