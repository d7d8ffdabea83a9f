using FluentValidation;
using Leads.Application.Caching;
using Leads.Application.Leads.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.Application;

public static class DependencyInjection
{
    /// <summary>Registers validators and application services. The mediator itself is registered by the host (its generator runs there).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(Common.Mapping.MappingConfig.Create());
        services.AddScoped<LeadCommandSupport>();
        services.AddScoped<Categories.CachedCategoryList>();
        services.AddSingleton(_ => new Common.Behaviors.WriteTurns());
        services.AddScoped<ICacheTrace, CacheTrace>();
        services.AddScoped<CachedCall>();
        services.AddScoped<InvalidationReceipt>();
        return services;
    }
}
