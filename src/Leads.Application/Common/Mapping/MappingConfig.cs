using Leads.Application.Categories.Models;
using Leads.Application.Leads.Models;
using Leads.Domain.Categories;
using Leads.Domain.Leads;
using Mapster;

namespace Leads.Application.Common.Mapping;

/// <summary>
/// Mapster mappings from aggregates to DTOs, in one configuration that is compiled (and so validated) at
/// start-up. Read paths project straight from SQL; these mappings serve the answers of commands.
/// </summary>
public static class MappingConfig
{
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.NewConfig<LeadCategory, CategoryDto>();

        // The category name lives on another aggregate; the handler that maps a lead supplies it.
        config.NewConfig<Lead, LeadDto>().Ignore(dto => dto.CategoryName);
        config.Compile();
        return config;
    }
}
