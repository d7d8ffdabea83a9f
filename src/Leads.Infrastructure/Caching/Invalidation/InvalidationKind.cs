namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>The kinds of <see cref="InvalidationMessage"/>; the value is the character on the wire.</summary>
public enum InvalidationKind
{
    Tags = 't',
    Key = 'k',
    Clear = 'c',

    /// <summary>An instance's ping to itself through the channel (ADR 0004); others only note that it is alive.</summary>
    Ping = 'p',
}
