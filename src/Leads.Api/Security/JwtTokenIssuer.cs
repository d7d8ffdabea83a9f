using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Leads.Application.Auth.Models;
using Leads.Application.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Leads.Api.Security;

/// <summary>
/// Issues access tokens that carry only identity (subject, name). Role and teams are deliberately not in the
/// token: they are read per request through the authorization-data cache, so a change applies at once.
/// </summary>
public sealed class JwtTokenIssuer(IOptions<JwtOptions> options, TimeProvider time) : ITokenIssuer
{
    /// <summary>The one signing algorithm; validation accepts no other (no <c>none</c>, no algorithm a token picks).</summary>
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    public TokenDto Issue(Guid userId, string userName)
    {
        var jwt = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var token = new JwtSecurityToken(
            jwt.Issuer,
            jwt.Audience,
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId.ToString()),
                new Claim(JwtRegisteredClaimNames.Name, userName),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ],
            now,
            now.Add(jwt.Lifetime),
            new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey)), Algorithm));
        return new TokenDto(new JwtSecurityTokenHandler().WriteToken(token), (int)jwt.Lifetime.TotalSeconds);
    }
}
