using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Api.BadInput;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// A shared cache hands a <c>public</c> answer to anyone, token or not, so every GET of the OpenAPI document
/// that answers <c>public</c> must be readable without a token, with the same body; everything behind a token
/// is <c>private</c> or <c>no-store</c>.
/// </summary>
public sealed class PublicResponseTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Every_public_answer_is_readable_without_a_token_and_nothing_behind_a_token_is_public()
    {
        var admin = await Factory.CreateAdminClientAsync();
        var anonymous = Factory.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var leadId = await Factory.WithDbAsync(db => db.Leads.Select(l => l.Id).FirstAsync());
        var publicPaths = new List<string>();

        foreach (var operation in OpenApiOperation.ReadAll(document).Where(o => o.Method == "GET"))
        {
            var path = operation.Path.Replace("{id}", leadId.ToString(), StringComparison.Ordinal);
            using var authenticated = await admin.GetAsync(path);
            using var withoutToken = await anonymous.GetAsync(path);
            authenticated.StatusCode.Should().Be(HttpStatusCode.OK, "GET {0}", path);
            if (authenticated.Headers.CacheControl?.Public == true)
            {
                publicPaths.Add(path);
                withoutToken.StatusCode.Should().Be(HttpStatusCode.OK, "{0} is public, so a shared cache serves it to anyone", path);
                (await withoutToken.Content.ReadAsStringAsync()).Should().Be(await authenticated.Content.ReadAsStringAsync());
            }
            else
            {
                withoutToken.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Unauthorized);
            }
        }

        publicPaths.Should().BeEquivalentTo(["/api/static/config", "/api/leads/categories"]);
    }
}
