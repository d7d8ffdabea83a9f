namespace Leads.Api.Http;

/// <summary>The two ways RFC 9110 section 8.8.3.2 compares entity tags.</summary>
public enum EntityTagComparison
{
    /// <summary>Equal opaque tags, whatever their W/ prefix: the representations are equivalent.</summary>
    Weak,

    /// <summary>Equal opaque tags and neither is weak: the representations are byte for byte the same.</summary>
    Strong,
}
