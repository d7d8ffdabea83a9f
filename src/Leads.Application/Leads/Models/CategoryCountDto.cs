namespace Leads.Application.Leads.Models;

public sealed record CategoryCountDto(Guid CategoryId, string CategoryName, int Count);
