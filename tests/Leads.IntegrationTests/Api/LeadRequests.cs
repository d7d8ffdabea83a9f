using System.Net;
using System.Net.Http.Json;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Persistence.Seeding;

namespace Leads.IntegrationTests.Api;

/// <summary>Request bodies for lead endpoints, valid unless a test changes a field.</summary>
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

    public static async Task<LeadDto> CreateAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/leads", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<LeadDto>();
    }
}
