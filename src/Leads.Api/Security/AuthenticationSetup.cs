using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Leads.Application.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Leads.Api.Security;

public static class AuthenticationSetup
{
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddLeadsAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(JwtOptions.SectionName);
        services.Configure<JwtOptions>(section);
        var jwt = section.Get<JwtOptions>() ?? new JwtOptions();
        if (Encoding.UTF8.GetByteCount(jwt.SigningKey) < 32)
        {
            throw new InvalidOperationException(
                environment.IsDevelopment()
                    ? "Jwt:SigningKey must be at least 32 bytes (appsettings.Development.json sets one)."
                    : "Jwt:SigningKey must be configured (at least 32 bytes) outside Development.");
        }

        services.AddScoped<HttpCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<HttpCurrentUser>());
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<BearerTokenEvents>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey)),
                    ValidAlgorithms = [JwtTokenIssuer.Algorithm],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = JwtRegisteredClaimNames.Name,
                    RoleClaimType = ClaimTypes.Role,
                };
                options.EventsType = typeof(BearerTokenEvents);
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(nameof(Domain.Users.UserRole.Admin)));
        return services;
    }
}
