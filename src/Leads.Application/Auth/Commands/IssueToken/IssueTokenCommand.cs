using Leads.Application.Auth.Models;
using Mediator;

namespace Leads.Application.Auth.Commands.IssueToken;

public sealed record IssueTokenCommand(string Username, string Password) : ICommand<TokenDto>;
