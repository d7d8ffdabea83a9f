using System.Reflection;

namespace Leads.ArchitectureTests;

/// <summary>The assemblies of the four layers and the namespaces the rules refer to.</summary>
internal static class Layers
{
    public const string DomainNamespace = "Leads.Domain";
    public const string ApplicationNamespace = "Leads.Application";
    public const string InfrastructureNamespace = "Leads.Infrastructure";
    public const string ApiNamespace = "Leads.Api";

    public const string EntityFramework = "Microsoft.EntityFrameworkCore";
    public const string Npgsql = "Npgsql";
    public const string Redis = "StackExchange.Redis";
    public const string AspNetCore = "Microsoft.AspNetCore";

    public static Assembly Domain { get; } = typeof(Leads.Domain.Common.AggregateRoot).Assembly;

    public static Assembly Application { get; } = typeof(Leads.Application.DependencyInjection).Assembly;

    public static Assembly Infrastructure { get; } = typeof(Leads.Infrastructure.DependencyInjection).Assembly;

    public static Assembly Api { get; } = typeof(Program).Assembly;
}
