using FluentValidation;

namespace Leads.Application.Admin.Queries.GetCacheTimeline;

public sealed class GetCacheTimelineQueryValidator : AbstractValidator<GetCacheTimelineQuery>
{
    public GetCacheTimelineQueryValidator()
    {
        RuleFor(q => q.HotKeys).InclusiveBetween(1, 50);
    }
}
