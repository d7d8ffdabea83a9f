namespace Leads.Api.Http;

public sealed class PublicResourceOptions
{
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Separate lifetime for shared caches; omitted when null.</summary>
    public TimeSpan? SharedMaxAge { get; set; }

    /// <summary>How long a cache may serve a stale copy while it revalidates; omitted when null.</summary>
    public TimeSpan? StaleWhileRevalidate { get; set; }
}
