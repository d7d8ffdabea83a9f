using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Leads.Api.RateLimiting;

/// <summary>
/// Token requests per user name, whatever address they come from: spreading a password guess over many addresses
/// does not buy more guesses for one account. The user name is in the body, which the rate limiting middleware never
/// reads, so this limiter is asked after model binding (<see cref="TokenPerUserNameFilter"/>). Names are compared
/// trimmed and case-insensitively, so "Admin " and "admin" share one budget. Idle partitions are dropped by the
/// limiter itself; the per-address limit, which runs first, bounds how many new names one client can bring.
/// </summary>
public sealed class TokenRequestLimiter(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(userName =>
        RateLimitPartition.GetFixedWindowLimiter(userName, _ => RateLimitPolicies.Window(options.Value.TokenPerUserName)));

    /// <summary>Takes one permit for <paramref name="userName"/>; when refused, says when the window opens again.</summary>
    public bool TryAcquire(string? userName, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire((userName ?? string.Empty).Trim().ToUpperInvariant());
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Value.TokenPerUserName.Window;
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
