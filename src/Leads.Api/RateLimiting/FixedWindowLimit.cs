namespace Leads.Api.RateLimiting;

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/> and partition; more are refused at once (no queue).</summary>
public sealed class FixedWindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
