using FluentValidation;

namespace Leads.Application.Admin.Queries.GetCacheStats;

public sealed class GetCacheStatsQueryValidator : AbstractValidator<GetCacheStatsQuery>
{
    public GetCacheStatsQueryValidator()
    {
        RuleFor(q => q.HotKeys).InclusiveBetween(0, 200);
    }
}
