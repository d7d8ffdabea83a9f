namespace Leads.Infrastructure.Caching;

public sealed class StampedeOptions
{
    /// <summary>How long one instance holds the Redis lease to load a missing entry.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long other instances wait for the lease holder's entry before loading it themselves.</summary>
    public TimeSpan LeaseWait { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan LeasePollInterval { get; set; } = TimeSpan.FromMilliseconds(15);
}
