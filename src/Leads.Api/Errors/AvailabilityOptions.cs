namespace Leads.Api.Errors;

/// <summary>Bound from <c>Availability</c>: what a client is told to wait before it retries a 503.</summary>
public sealed class AvailabilityOptions
{
    public const string SectionName = "Availability";

    /// <summary>
    /// Retry-After of a 503 caused by a Postgres outage. A restart or fail-over of Postgres takes seconds; asking
    /// clients to come back sooner would only add load to a database that is starting up.
    /// </summary>
    public TimeSpan DatabaseRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
