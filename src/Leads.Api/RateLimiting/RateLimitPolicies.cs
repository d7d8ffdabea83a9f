using System.IdentityModel.Tokens.Jwt;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Leads.Api.RateLimiting;

/// <summary>The named rate limiting policies of the API and their registration (ASP.NET Core's rate limiting middleware).</summary>
public static class RateLimitPolicies
{
    /// <summary>Token requests per client address.</summary>
    public const string TokenPerClient = "token-per-client";

    /// <summary>Bulk cache invalidation per admin.</summary>
    public const string CacheInvalidation = "cache-invalidation";

    public static IServiceCollection AddLeadsRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .Validate(IsValid, "RateLimiting: every PermitLimit must be at least 1, every Window longer than zero, and Concurrency:QueueLimit zero or more.")
            .ValidateOnStart();
        services.AddSingleton<TokenRequestLimiter>();
        services.AddScoped<TokenPerUserNameFilter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(TokenPerClient, context =>
                RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => Window(Options(context).TokenPerClient)));
            limiter.AddPolicy(CacheInvalidation, context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? ClientAddress(context), _ => Window(Options(context).CacheInvalidationPerUser)));
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                return new ValueTask(LimitResponses.WriteTooManyRequestsAsync(rejected.HttpContext, "Too many requests; try again later.", retryAfter));
            };
        });
        return services;
    }

    /// <summary>A fixed window without a queue: a refused request is answered at once rather than held open.</summary>
    public static FixedWindowRateLimiterOptions Window(FixedWindowLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool IsValid(RateLimitingOptions options) =>
        new[] { options.TokenPerUserName, options.TokenPerClient, options.CacheInvalidationPerUser }.All(w => w.PermitLimit >= 1 && w.Window > TimeSpan.Zero)
        && options.Concurrency.PermitLimit >= 1 && options.Concurrency.QueueLimit >= 0 && options.Concurrency.RetryAfter > TimeSpan.Zero;

    // Behind a reverse proxy this is the proxy's address unless forwarded headers are configured (docs/operations.md).
    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitingOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
}
