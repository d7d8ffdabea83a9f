namespace Leads.Application.Caching;

/// <summary>Names of the cache policies; their durations and switches live in <c>Caching:Policies</c>.</summary>
public static class CachePolicies
{
    // Service level (API responses).
    public const string LeadsList = "LeadsList";
    public const string LeadById = "LeadById";
    public const string LeadsSummary = "LeadsSummary";
    public const string Categories = "Categories";
    public const string StaticConfig = "StaticConfig";

    // Database level (query results).
    public const string LeadRecord = "LeadRecord";
    public const string LeadVisibility = "LeadVisibility";
    public const string LeadCounts = "LeadCounts";
    public const string UserAccess = "UserAccess";
}
