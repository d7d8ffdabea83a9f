namespace Leads.IntegrationTests.Writes;

/// <summary>Leads and their value in one (team, status, category).</summary>
public sealed record CountRow(Guid TeamId, string Status, Guid CategoryId, long Count, decimal Value);
