using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Leads.IntegrationTests.Api;

/// <summary>Validation accepts only the algorithm tokens are issued with (HS256): a token signed otherwise, even with the right key, is 401.</summary>
public sealed class JwtAlgorithmTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    private const string DevelopmentKey = "development-only-signing-key-change-me-0123456789";

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha256, HttpStatusCode.OK)]
    [InlineData(SecurityAlgorithms.HmacSha384, HttpStatusCode.Unauthorized)]
    public async Task Only_tokens_signed_with_HS256_are_accepted(string algorithm, HttpStatusCode expected)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(algorithm));

        var response = await client.GetAsync("/api/leads/summary");

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task An_unsigned_token_is_401()
    {
        var client = Factory.CreateClient();
        var unsigned = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(new JwtHeader(), Payload()));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", unsigned);

        (await client.GetAsync("/api/leads/summary")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static string Token(string algorithm) => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
        new JwtHeader(new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(DevelopmentKey)), algorithm)), Payload()));

    private static JwtPayload Payload() => new(
        "leads-api",
        "leads-api",
        [new Claim(JwtRegisteredClaimNames.Sub, DemoData.SalesAUser.ToString()), new Claim(JwtRegisteredClaimNames.Name, DemoData.SalesAName)],
        DateTime.UtcNow.AddMinutes(-1),
        DateTime.UtcNow.AddMinutes(10));
}
