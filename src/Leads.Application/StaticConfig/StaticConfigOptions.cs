namespace Leads.Application.StaticConfig;

/// <summary>Bound from <c>StaticConfig</c>: values clients need to render forms.</summary>
public sealed class StaticConfigOptions
{
    public const string SectionName = "StaticConfig";

    public string ApplicationName { get; set; } = "Leads";

    public string Version { get; set; } = "1.0";

    public List<string> LeadSources { get; set; } = ["Website", "Referral", "Event", "Partner", "Cold call", "Advertising"];
}
