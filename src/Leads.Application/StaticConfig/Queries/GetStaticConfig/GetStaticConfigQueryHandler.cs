using Leads.Application.Leads.Models;
using Leads.Application.Leads.Queries.GetLeads;
using Leads.Application.StaticConfig.Models;
using Leads.Domain.Leads;
using Mediator;
using Microsoft.Extensions.Options;

namespace Leads.Application.StaticConfig.Queries.GetStaticConfig;

public sealed class GetStaticConfigQueryHandler(IOptions<StaticConfigOptions> options)
    : IQueryHandler<GetStaticConfigQuery, StaticConfigDto>
{
    public ValueTask<StaticConfigDto> Handle(GetStaticConfigQuery query, CancellationToken cancellationToken)
    {
        var config = options.Value;
        return ValueTask.FromResult(new StaticConfigDto(
            config.ApplicationName,
            config.Version,
            Enum.GetNames<LeadStatus>(),
            config.LeadSources,
            LeadSort.Fields.Order(StringComparer.Ordinal).ToArray(),
            GetLeadsQuery.DefaultPageSize,
            GetLeadsQuery.MaxPageSize));
    }
}
