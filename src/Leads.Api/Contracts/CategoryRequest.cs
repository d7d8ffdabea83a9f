namespace Leads.Api.Contracts;

public sealed record CategoryRequest(string Name, string? Description);
