namespace Leads.Api.Contracts;

public sealed record TokenRequest(string Username, string Password);
