namespace Leads.Application.Auth.Models;

public sealed record TokenDto(string AccessToken, int ExpiresIn, string TokenType = "Bearer");
