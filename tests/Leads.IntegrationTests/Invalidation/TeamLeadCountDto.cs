namespace Leads.IntegrationTests.Invalidation;

public sealed record TeamLeadCountDto(Guid TeamId, int Count);
